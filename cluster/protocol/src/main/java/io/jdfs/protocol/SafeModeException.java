package io.jdfs.protocol;

/** The name server is in safe mode (starting up, or held there by an operator) and refuses changes. */
public class SafeModeException extends DfsException {
    public SafeModeException(String message) {
        super(ErrorCode.SAFE_MODE, message);
    }
}
