package io.jdfs.protocol;

/** The file a reader opened was replaced or deleted while being read, and its blocks are gone. */
public class StaleFileException extends DfsException {
    public StaleFileException(String message) {
        super(ErrorCode.STALE_FILE, message);
    }
}
