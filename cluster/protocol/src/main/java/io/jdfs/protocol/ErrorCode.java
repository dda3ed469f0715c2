package io.jdfs.protocol;

/** Error codes carried in error replies; each maps to one typed exception on the client side. */
public enum ErrorCode {
    NOT_FOUND,
    ALREADY_EXISTS,
    NOT_A_DIRECTORY,
    IS_A_DIRECTORY,
    DIRECTORY_NOT_EMPTY,
    INVALID_PATH,
    INVALID_ARGUMENT,
    LEASE_CONFLICT,
    NO_SPACE,
    NO_DATA_SERVERS,
    CHECKSUM,
    PROTOCOL,
    AUTHENTICATION,
    UNAVAILABLE,
    SAFE_MODE,
    /** The file a reader opened was replaced or deleted and its blocks are gone. */
    STALE_FILE,
    INTERNAL;

    /** Whether a client may retry an idempotent call that failed with this code. */
    public boolean retryable() {
        return this == UNAVAILABLE || this == SAFE_MODE;
    }
}
