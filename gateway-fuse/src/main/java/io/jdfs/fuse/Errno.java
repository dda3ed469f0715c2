package io.jdfs.fuse;

import io.jdfs.protocol.AuthenticationException;
import io.jdfs.protocol.ChecksumException;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.DirectoryNotEmptyException;
import io.jdfs.protocol.InvalidPathException;
import io.jdfs.protocol.IsADirectoryException;
import io.jdfs.protocol.LeaseConflictException;
import io.jdfs.protocol.NoSpaceException;
import io.jdfs.protocol.NotADirectoryException;
import io.jdfs.protocol.PathExistsException;
import io.jdfs.protocol.PathNotFoundException;
import io.jdfs.protocol.SafeModeException;
import ru.serce.jnrfuse.ErrorCodes;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Maps what the client throws to the errno the kernel hands the application. Everything returned
 * here is negative, as FUSE wants it. Only what is really an I/O failure becomes EIO.
 */
public final class Errno {
    private Errno() {
    }

    public static final int ENOENT = ErrorCodes.ENOENT();
    public static final int EEXIST = ErrorCodes.EEXIST();
    public static final int ENOTDIR = ErrorCodes.ENOTDIR();
    public static final int EISDIR = ErrorCodes.EISDIR();
    public static final int ENOTEMPTY = ErrorCodes.ENOTEMPTY();
    public static final int EINVAL = ErrorCodes.EINVAL();
    public static final int ENAMETOOLONG = ErrorCodes.ENAMETOOLONG();
    public static final int ENOSPC = ErrorCodes.ENOSPC();
    public static final int EACCES = ErrorCodes.EACCES();
    public static final int EPERM = ErrorCodes.EPERM();
    public static final int EBUSY = ErrorCodes.EBUSY();
    public static final int EROFS = ErrorCodes.EROFS();
    public static final int EIO = ErrorCodes.EIO();
    public static final int EINTR = ErrorCodes.EINTR();
    public static final int EBADF = ErrorCodes.EBADF();
    public static final int ENOSYS = ErrorCodes.ENOSYS();
    public static final int EOPNOTSUPP = ErrorCodes.EOPNOTSUPP();
    public static final int ENODATA = ErrorCodes.ENODATA();
    public static final int E2BIG = ErrorCodes.E2BIG();
    public static final int ERANGE = ErrorCodes.ERANGE();
    public static final int ELOOP = ErrorCodes.ELOOP();
    public static final int ESTALE = ErrorCodes.ESTALE();

    /** The negative errno for a failure of a client call. */
    public static int of(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof PathNotFoundException || e instanceof NoSuchFileException) {
            return -ENOENT;
        }
        if (e instanceof PathExistsException || e instanceof java.nio.file.FileAlreadyExistsException) {
            return -EEXIST;
        }
        if (e instanceof NotADirectoryException) {
            return -ENOTDIR;
        }
        if (e instanceof IsADirectoryException) {
            return -EISDIR;
        }
        if (e instanceof DirectoryNotEmptyException || e instanceof java.nio.file.DirectoryNotEmptyException) {
            return -ENOTEMPTY;
        }
        if (e instanceof InvalidPathException) {
            String m = String.valueOf(e.getMessage());
            return m.contains("longer than") ? -ENAMETOOLONG : -EINVAL;
        }
        if (e instanceof NoSpaceException) {
            return -ENOSPC;
        }
        if (e instanceof io.jdfs.protocol.AccessDeniedException a) {
            return a.code() == io.jdfs.protocol.ErrorCode.NOT_PERMITTED ? -EPERM : -EACCES;
        }
        if (e instanceof AuthenticationException || e instanceof AccessDeniedException) {
            return -EACCES;
        }
        if (e instanceof LeaseConflictException) {
            return -EBUSY; // another client writes this file
        }
        if (e instanceof SafeModeException) {
            return -EROFS; // the name server refuses changes until enough blocks are reported
        }
        if (e instanceof ChecksumException) {
            return -EIO;
        }
        if (e instanceof InterruptedIOException) {
            return -EINTR;
        }
        if (e instanceof DfsException d) {
            return switch (d.code()) {
                case INVALID_ARGUMENT, INVALID_PATH -> -EINVAL;
                case NOT_FOUND -> -ENOENT;
                case ALREADY_EXISTS -> -EEXIST;
                case NO_SUCH_ATTRIBUTE -> -ENODATA;
                case NAME_TOO_LONG -> -ENAMETOOLONG;
                case TOO_BIG -> -E2BIG;
                case NOT_SUPPORTED -> -EOPNOTSUPP;
                case SYMLINK_LOOP -> -ELOOP;
                case STALE_FILE -> -ESTALE;
                case PERMISSION_DENIED -> -EACCES;
                case NOT_PERMITTED -> -EPERM;
                case READ_ONLY -> -EROFS; // the name server's journal failed: no changes until it restarts
                default -> -EIO;
            };
        }
        if (e instanceof FileSystemException) {
            return -EIO; // a local file operation of the gateway failed
        }
        return -EIO;
    }

    /** Whether a failure is worth a WARN line (the application's own mistakes are not). */
    public static boolean isServerSide(int errno) {
        return errno == -EIO || errno == -ENOSPC || errno == -EROFS || errno == -EBUSY;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof UncheckedIOException || e instanceof java.util.concurrent.CompletionException
                || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        // the streams wrap a typed failure in a plain IOException with context: look one level down
        if (e.getClass() == java.io.IOException.class && e.getCause() instanceof DfsException) {
            e = e.getCause();
        }
        return e;
    }
}
