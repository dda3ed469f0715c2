package io.jdfs.webdav.milton;

/** A property value that is already XML (dead properties, lockdiscovery): written as is. */
public record RawXml(String xml) {
}
