package io.jdfs.name;

import io.jdfs.name.namespace.Clock;
import io.jdfs.protocol.Caller;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.DfsPath;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.FileType;
import io.jdfs.protocol.PathExistsException;
import io.jdfs.name.namespace.NamespaceRecord;

import java.nio.charset.StandardCharsets;

/** Symbolic links (ln -s, readlink) and special files (mkfifo, mknod): inodes without blocks. */
public final class LinkService {
    private final NamespaceCore core;

    LinkService(NamespaceCore core) {
        this.core = core;
    }

    /** ln -s TARGET LINK: the target is stored as given (absolute, or relative to the link's directory). */
    public FileStatus symlink(Caller caller, String target, String link) throws DfsException {
        if (target == null || target.isEmpty() || target.indexOf('\0') >= 0
                || target.getBytes(StandardCharsets.UTF_8).length > DfsPath.MAX_PATH_BYTES) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "a symlink target must be 1 to " + DfsPath.MAX_PATH_BYTES
                    + " bytes without NUL");
        }
        synchronized (core.lock) {
            DfsPath path = core.resolve(link, false).checkCreatable();
            checkFree(caller, path);
            core.commit(new NamespaceRecord.Symlink(path.toString(), target, core.ns.lastInodeId() + 1, Clock.nowNanos(),
                    caller.uid(), caller.gid()));
            return core.ns.status(path.toString(), core.ns.lookup(path));
        }
    }

    /**
     * ln EXISTING NEW: a hard link, one more name for the same inode (a symlink itself, as link(2) on
     * Linux, not what it points to). Directories are refused (EPERM).
     */
    public FileStatus link(Caller caller, String existing, String p) throws DfsException {
        synchronized (core.lock) {
            DfsPath from = core.resolve(existing, false);
            io.jdfs.name.namespace.INode n = core.existing(caller, from);
            if (n.isDirectory()) {
                throw new DfsException(ErrorCode.NOT_PERMITTED, from + " is a directory: directories cannot be hard-linked");
            }
            DfsPath path = core.resolve(p, false).checkCreatable();
            checkFree(caller, path);
            core.commit(new NamespaceRecord.Link(from.toString(), path.toString(), Clock.nowNanos()));
            return core.ns.status(path.toString(), n);
        }
    }

    /** mkfifo/mknod: a FIFO, character or block device, or socket, as metadata. */
    public FileStatus makeNode(Caller caller, String p, FileType type, int mode, long rdev) throws DfsException {
        if (type == null || !type.isSpecial()) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "mknod makes FIFOs, devices and sockets, not " + type);
        }
        synchronized (core.lock) {
            DfsPath path = core.resolve(p, false).checkCreatable();
            checkFree(caller, path);
            core.commit(new NamespaceRecord.MakeNode(path.toString(), type, mode & 07777, rdev, core.ns.lastInodeId() + 1,
                    Clock.nowNanos(), caller.uid(), caller.gid()));
            return core.ns.status(path.toString(), core.ns.lookup(path));
        }
    }

    private void checkFree(Caller caller, DfsPath path) throws DfsException {
        if (path.isRoot() || core.ns.lookup(path) != null) {
            throw new PathExistsException(path + " already exists");
        }
        if (core.ns.lookup(path.parent()) == null) {
            throw new io.jdfs.protocol.PathNotFoundException(path.parent() + ": no such file or directory");
        }
        core.permissions.checkParentWritable(caller, core.ns, path);
    }
}
