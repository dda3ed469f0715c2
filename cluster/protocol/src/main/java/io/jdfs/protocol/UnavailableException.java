package io.jdfs.protocol;

/** A server that cannot be reached now; retryable. */
public class UnavailableException extends DfsException {
    public UnavailableException(String message) {
        super(ErrorCode.UNAVAILABLE, message);
    }

    public UnavailableException(String message, Throwable cause) {
        super(ErrorCode.UNAVAILABLE, message, cause);
    }
}
