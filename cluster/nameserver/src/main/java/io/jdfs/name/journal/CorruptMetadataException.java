package io.jdfs.name.journal;

import java.io.IOException;
import java.nio.file.Path;

/** Metadata on disk that cannot be trusted; names the file and the byte offset so an operator can look. */
public final class CorruptMetadataException extends IOException {
    public CorruptMetadataException(Path file, long offset, String what) {
        super(file + " at offset " + offset + ": " + what);
    }

    public CorruptMetadataException(String message) {
        super(message);
    }
}
