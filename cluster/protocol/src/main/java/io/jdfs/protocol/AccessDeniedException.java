package io.jdfs.protocol;

/** The caller lacks a permission (PERMISSION_DENIED, EACCES) or the right to an operation (NOT_PERMITTED, EPERM). */
public class AccessDeniedException extends DfsException {
    public AccessDeniedException(ErrorCode code, String message) {
        super(code, message);
    }
}
