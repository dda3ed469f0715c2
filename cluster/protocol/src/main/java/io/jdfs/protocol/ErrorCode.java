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
    /** No extended attribute of that name (ENODATA). */
    NO_SUCH_ATTRIBUTE,
    /** A name longer than allowed (ENAMETOOLONG). */
    NAME_TOO_LONG,
    /** A value or argument larger than allowed (E2BIG). */
    TOO_BIG,
    /** An operation or namespace this cluster does not offer (EOPNOTSUPP). */
    NOT_SUPPORTED,
    /** The caller lacks read, write or search permission (EACCES). */
    PERMISSION_DENIED,
    /** Only the owner or the superuser may do this (EPERM). */
    NOT_PERMITTED,
    /** Too many symbolic links on the way (ELOOP). */
    SYMLINK_LOOP,
    /** A data server refused a block access token: missing, forged, expired or for another block or use. */
    BLOCK_TOKEN,
    /** The name server's journal failed: it refuses changes (and reads, when memory holds lost changes) (EROFS). */
    READ_ONLY,
    INTERNAL;

    /** Whether a client may retry an idempotent call that failed with this code. */
    public boolean retryable() {
        return this == UNAVAILABLE || this == SAFE_MODE;
    }
}
