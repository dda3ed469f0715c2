package io.jdfs.name;

import io.jdfs.name.namespace.Clock;
import io.jdfs.name.namespace.INode;
import io.jdfs.name.namespace.INodeDirectory;
import io.jdfs.name.namespace.INodeFile;
import io.jdfs.name.namespace.NamespaceRecord;
import io.jdfs.name.namespace.Xattrs;
import io.jdfs.name.permission.Permissions;
import io.jdfs.protocol.AccessDeniedException;
import io.jdfs.protocol.Caller;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.DfsPath;
import io.jdfs.protocol.ErrorCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Changes to the attributes of existing inodes: times, mode, owner, extended attributes and
 * replication, each checked against the caller and journaled through {@link NamespaceCore}.
 */
public final class AttributeService {
    private final NamespaceCore core;

    AttributeService(NamespaceCore core) {
        this.core = core;
    }

    public void setTimes(Caller caller, String p, long mtime, long atime) throws DfsException {
        setTimes(caller, p, mtime, atime, true);
    }

    public void setTimes(Caller caller, String p, long mtime, long atime, boolean followLast) throws DfsException {
        synchronized (core.lock) {
            DfsPath path = core.resolve(p, followLast);
            INode n = core.existing(caller, path);
            boolean explicit = mtime >= 0 || atime >= 0;
            if (caller.uid() != n.uid() && !core.permissions.isSuper(caller)) {
                if (explicit) {
                    throw new io.jdfs.protocol.DfsException(io.jdfs.protocol.ErrorCode.NOT_PERMITTED, "only the owner of "
                            + path + " may set its times to given values (others with write access may set them to now)");
                }
                core.permissions.check(caller, n, Permissions.WRITE, path); // touch by a writer, as utimensat
            }
            long now = Clock.nowNanos();
            // the record carries the resolved times: replay gives the same values
            core.commit(new NamespaceRecord.SetTimes(path.toString(), resolve(mtime, now), resolve(atime, now), now));
        }
    }

    private static long resolve(long time, long now) {
        if (time == io.jdfs.protocol.Protocol.UTIME_NOW) {
            return now;
        }
        return time < 0 ? -1 : time;
    }

    public void setMode(Caller caller, String p, int mode) throws DfsException {
        synchronized (core.lock) {
            DfsPath path = core.resolve(p, true);
            INode n = core.existing(caller, path);
            core.permissions.checkOwner(caller, n, path, "change its mode");
            if (!core.permissions.isSuper(caller) && !caller.inGroup(n.gid()) && !n.isDirectory()) {
                mode &= ~02000; // as chmod(2): setgid only for a group the caller is in
            }
            core.commit(new NamespaceRecord.SetMode(path.toString(), mode, Clock.nowNanos()));
        }
    }

    /** chown and chgrp: -1 keeps a value. Only the superuser gives a file away; an owner picks one of its groups. */
    public void setOwner(Caller caller, String p, int uid, int gid) throws DfsException {
        setOwner(caller, p, uid, gid, true);
    }

    public void setOwner(Caller caller, String p, int uid, int gid, boolean followLast) throws DfsException {
        synchronized (core.lock) {
            DfsPath path = core.resolve(p, followLast);
            INode n = core.existing(caller, path);
            boolean superuser = core.permissions.isSuper(caller);
            if (uid >= 0 && uid != n.uid() && !superuser) {
                throw new AccessDeniedException(ErrorCode.NOT_PERMITTED, path + ": operation not permitted: only the"
                        + " superuser gives a file to another user");
            }
            if (gid >= 0 && gid != n.gid() && !superuser) {
                core.permissions.checkOwner(caller, n, path, "change its group");
                if (!caller.inGroup(gid)) {
                    throw new AccessDeniedException(ErrorCode.NOT_PERMITTED, path + ": operation not permitted: "
                            + caller.user() + " is not in group " + gid);
                }
            }
            boolean changes = (uid >= 0 && uid != n.uid()) || (gid >= 0 && gid != n.gid());
            core.commit(new NamespaceRecord.SetOwner(path.toString(), uid, gid, changes && !superuser, Clock.nowNanos()));
        }
    }

    public java.util.SortedMap<String, byte[]> xattrs(Caller caller, String p) throws DfsException {
        synchronized (core.lock) {
            DfsPath path = core.resolve(p, true);
            INode n = core.existing(caller, path);
            core.permissions.check(caller, n, Permissions.READ, path);
            return new java.util.TreeMap<>(n.xattrs());
        }
    }

    public void setXattr(Caller caller, String p, String name, byte[] value, int flag) throws DfsException {
        Xattrs.check(name, value == null ? new byte[0] : value);
        synchronized (core.lock) {
            DfsPath path = core.resolve(p, true);
            core.permissions.check(caller, core.existing(caller, path), Permissions.WRITE, path);
            core.commit(new NamespaceRecord.SetXattr(path.toString(), name, value == null ? new byte[0] : value,
                    flag, Clock.nowNanos()));
        }
    }

    public void removeXattr(Caller caller, String p, String name) throws DfsException {
        Xattrs.check(name, null);
        synchronized (core.lock) {
            DfsPath path = core.resolve(p, true);
            core.permissions.check(caller, core.existing(caller, path), Permissions.WRITE, path);
            core.commit(new NamespaceRecord.RemoveXattr(path.toString(), name, Clock.nowNanos()));
        }
    }

    /**
     * Sets the replication of a file, or of every file below a directory (one journal record per
     * file); returns how many files changed. The replication monitor then copies or trims replicas.
     */
    public int setReplication(Caller caller, String p, int replication) throws DfsException {
        if (replication < 1 || replication > WriteService.MAX_REPLICATION) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "replication must be between 1 and " + WriteService.MAX_REPLICATION);
        }
        synchronized (core.lock) {
            DfsPath path = core.resolve(p, true);
            INode n = core.existing(caller, path);
            core.permissions.check(caller, n, Permissions.WRITE, path);
            List<String> files = new ArrayList<>();
            collectFiles(path, n, files);
            for (String f : files) {
                core.commit(new NamespaceRecord.SetReplication(f, replication, Clock.nowNanos()));
            }
            return files.size();
        }
    }

    private static void collectFiles(DfsPath path, INode n, List<String> out) {
        if (n instanceof INodeFile) {
            out.add(path.toString());
        } else if (n instanceof INodeDirectory d) {
            for (Map.Entry<String, INode> e : d.children().entrySet()) {
                collectFiles(path.child(e.getKey()), e.getValue(), out);
            }
        }
    }
}
