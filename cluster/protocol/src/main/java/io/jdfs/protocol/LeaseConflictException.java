package io.jdfs.protocol;

/** Another client holds the write lease of a file, or ours expired. */
public class LeaseConflictException extends DfsException {
    public LeaseConflictException(String message) {
        super(ErrorCode.LEASE_CONFLICT, message);
    }

    public LeaseConflictException(String message, Throwable cause) {
        super(ErrorCode.LEASE_CONFLICT, message, cause);
    }
}
