package io.jdfs.protocol;

/** A peer with a wrong cluster id or secret. */
public class AuthenticationException extends DfsException {
    public AuthenticationException(String message) {
        super(ErrorCode.AUTHENTICATION, message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(ErrorCode.AUTHENTICATION, message, cause);
    }
}
