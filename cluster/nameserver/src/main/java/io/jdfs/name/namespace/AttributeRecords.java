package io.jdfs.name.namespace;

import io.jdfs.name.blocks.BlockInfo;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.IsADirectoryException;
import io.jdfs.protocol.PathNotFoundException;

/**
 * The records that change an inode's attributes and nothing else (times, mode, owner, replication,
 * access time, extended attributes): part of the {@link NamespaceStateMachine}, same rules.
 */
final class AttributeRecords {
    private static final int SETUID = 04000;
    private static final int SETGID = 02000;
    private final Namespace ns;

    AttributeRecords(Namespace ns) {
        this.ns = ns;
    }

    /** Applies {@code record} when it is an attribute change; false when it is not one. */
    boolean apply(NamespaceRecord record) throws DfsException {
        if (record instanceof NamespaceRecord.SetTimes r) {
            setTimes(r);
        } else if (record instanceof NamespaceRecord.Accessed r) {
            INode n = ns.inodes.get(r.inodeId());
            if (n != null) {
                n.atimeNanos = r.atimeNanos();
            }
        } else if (record instanceof NamespaceRecord.SetMode r) {
            setMode(r);
        } else if (record instanceof NamespaceRecord.SetOwner r) {
            setOwner(r);
        } else if (record instanceof NamespaceRecord.SetReplication r) {
            setReplication(r);
        } else if (record instanceof NamespaceRecord.SetXattr r) {
            Xattrs.set(existing(r.path()), r);
        } else if (record instanceof NamespaceRecord.RemoveXattr r) {
            Xattrs.remove(existing(r.path()), r);
        } else {
            return false;
        }
        return true;
    }

    void setTimes(NamespaceRecord.SetTimes r) throws DfsException {
        INode n = existing(r.path());
        if (r.mtimeNanos() >= 0) {
            n.mtimeNanos = r.mtimeNanos();
        }
        if (r.atimeNanos() >= 0) {
            n.atimeNanos = r.atimeNanos();
        }
        n.ctimeNanos = r.timeNanos();
    }

    void setOwner(NamespaceRecord.SetOwner r) throws DfsException {
        INode n = existing(r.path());
        if (r.uid() >= 0) {
            n.uid = r.uid();
        }
        if (r.gid() >= 0) {
            n.gid = r.gid();
        }
        if (r.clearSetId() && n instanceof INodeFile) {
            n.mode &= ~(SETUID | SETGID);
        }
        n.ctimeNanos = r.timeNanos();
    }

    void setMode(NamespaceRecord.SetMode r) throws DfsException {
        INode n = existing(r.path());
        n.mode = r.mode() & 07777;
        n.ctimeNanos = r.timeNanos();
    }

    void setReplication(NamespaceRecord.SetReplication r) throws DfsException {
        if (!(existing(r.path()) instanceof INodeFile f)) {
            throw new IsADirectoryException(r.path() + " is a directory");
        }
        if (r.replication() < 1 || r.replication() > Short.MAX_VALUE) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "replication must be at least 1, not " + r.replication());
        }
        f.replication = (short) r.replication();
        for (BlockInfo b : f.blocks) {
            b.expectedReplication(r.replication());
        }
        f.ctimeNanos = r.timeNanos();
    }

    private INode existing(String p) throws PathNotFoundException {
        INode n = ns.lookup(io.jdfs.protocol.DfsPath.of(p));
        if (n == null) {
            throw new PathNotFoundException(p + ": no such file or directory");
        }
        return n;
    }
}
