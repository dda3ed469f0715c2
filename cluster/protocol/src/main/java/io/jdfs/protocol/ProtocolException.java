package io.jdfs.protocol;

/** A malformed, oversized or out-of-order frame or message. */
public class ProtocolException extends DfsException {
    public ProtocolException(String message) {
        super(ErrorCode.PROTOCOL, message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(ErrorCode.PROTOCOL, message, cause);
    }
}
