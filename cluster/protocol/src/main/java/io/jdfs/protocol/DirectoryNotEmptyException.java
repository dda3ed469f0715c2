package io.jdfs.protocol;

/** A directory that must be empty is not. */
public class DirectoryNotEmptyException extends DfsException {
    public DirectoryNotEmptyException(String message) {
        super(ErrorCode.DIRECTORY_NOT_EMPTY, message);
    }

    public DirectoryNotEmptyException(String message, Throwable cause) {
        super(ErrorCode.DIRECTORY_NOT_EMPTY, message, cause);
    }
}
