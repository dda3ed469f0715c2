package io.jdfs.protocol;

/** A directory operation on something that is not a directory. */
public class NotADirectoryException extends DfsException {
    public NotADirectoryException(String message) {
        super(ErrorCode.NOT_A_DIRECTORY, message);
    }

    public NotADirectoryException(String message, Throwable cause) {
        super(ErrorCode.NOT_A_DIRECTORY, message, cause);
    }
}
