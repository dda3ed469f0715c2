package io.jdfs.protocol;

/** A path that already exists where it must not. */
public class PathExistsException extends DfsException {
    public PathExistsException(String message) {
        super(ErrorCode.ALREADY_EXISTS, message);
    }

    public PathExistsException(String message, Throwable cause) {
        super(ErrorCode.ALREADY_EXISTS, message, cause);
    }
}
