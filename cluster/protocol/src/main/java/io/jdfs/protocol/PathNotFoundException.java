package io.jdfs.protocol;

/** A path that does not exist. */
public class PathNotFoundException extends DfsException {
    public PathNotFoundException(String message) {
        super(ErrorCode.NOT_FOUND, message);
    }

    public PathNotFoundException(String message, Throwable cause) {
        super(ErrorCode.NOT_FOUND, message, cause);
    }
}
