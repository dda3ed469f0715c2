package io.jdfs.protocol;

/** Bytes that do not match their checksum. */
public class ChecksumException extends DfsException {
    public ChecksumException(String message) {
        super(ErrorCode.CHECKSUM, message);
    }

    public ChecksumException(String message, Throwable cause) {
        super(ErrorCode.CHECKSUM, message, cause);
    }
}
