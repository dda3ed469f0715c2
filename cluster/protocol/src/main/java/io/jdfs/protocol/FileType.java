package io.jdfs.protocol;

public enum FileType {
    FILE, DIRECTORY, SYMLINK
}
