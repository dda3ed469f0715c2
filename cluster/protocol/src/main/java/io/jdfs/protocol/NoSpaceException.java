package io.jdfs.protocol;

/** No data server can take a new block: none is live, or all are full. */
public class NoSpaceException extends DfsException {
    public NoSpaceException(ErrorCode code, String message) {
        super(code, message);
    }
}
