package io.jdfs.webdav.milton;

import io.milton.http.XmlWriter;
import io.milton.http.values.ValueWriter;

import java.util.Map;

/** Writes {@link RawXml} property values into PROPFIND answers without escaping them. */
public final class RawXmlValueWriter implements ValueWriter {
    @Override
    public boolean supports(String nsUri, String localName, Class valueClass) {
        return RawXml.class.isAssignableFrom(valueClass);
    }

    @Override
    public void writeValue(XmlWriter writer, String nsUri, String prefix, String localName, Object val, String href,
                           Map<String, String> nsPrefixes) {
        String xml = val == null ? "" : ((RawXml) val).xml();
        if (xml.isEmpty()) {
            writer.writeProperty(prefix, localName);
            return;
        }
        XmlWriter.Element e = writer.begin(prefix, localName).open(false);
        writer.writeText(xml);
        e.close(false);
    }

    @Override
    public Object parse(String namespaceURI, String localPart, String value) {
        return new RawXml(value);
    }
}
