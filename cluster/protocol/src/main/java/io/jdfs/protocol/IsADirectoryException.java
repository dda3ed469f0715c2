package io.jdfs.protocol;

/** A file operation on a directory. */
public class IsADirectoryException extends DfsException {
    public IsADirectoryException(String message) {
        super(ErrorCode.IS_A_DIRECTORY, message);
    }

    public IsADirectoryException(String message, Throwable cause) {
        super(ErrorCode.IS_A_DIRECTORY, message, cause);
    }
}
