package io.jdfs.protocol;

import java.io.IOException;

/**
 * Base of every error JDFS reports. The subclass says what went wrong; the message says it in words
 * a user can act on. Errors cross the wire as {@link ErrorCode} plus message and are rebuilt here.
 */
public class DfsException extends IOException {
    private final ErrorCode code;

    public DfsException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public DfsException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** Rebuilds the typed exception for an error reply. */
    public static DfsException of(ErrorCode code, String message) {
        return switch (code) {
            case NOT_FOUND -> new PathNotFoundException(message);
            case ALREADY_EXISTS -> new PathExistsException(message);
            case NOT_A_DIRECTORY -> new NotADirectoryException(message);
            case IS_A_DIRECTORY -> new IsADirectoryException(message);
            case DIRECTORY_NOT_EMPTY -> new DirectoryNotEmptyException(message);
            case LEASE_CONFLICT -> new LeaseConflictException(message);
            case NO_SPACE, NO_DATA_SERVERS -> new NoSpaceException(code, message);
            case CHECKSUM -> new ChecksumException(message);
            case PROTOCOL -> new ProtocolException(message);
            case AUTHENTICATION -> new AuthenticationException(message);
            case UNAVAILABLE -> new UnavailableException(message);
            case SAFE_MODE -> new SafeModeException(message);
            case STALE_FILE -> new StaleFileException(message);
            case PERMISSION_DENIED, NOT_PERMITTED -> new AccessDeniedException(code, message);
            default -> new DfsException(code, message);
        };
    }
}
