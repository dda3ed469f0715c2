package io.jdfs.name;

import io.jdfs.name.journal.RecordLog;
import io.jdfs.name.namespace.INode;
import io.jdfs.name.namespace.Namespace;
import io.jdfs.name.namespace.NamespaceRecord;
import io.jdfs.name.namespace.NamespaceStateMachine;
import io.jdfs.name.permission.Permissions;
import io.jdfs.name.safemode.SafeMode;
import io.jdfs.protocol.Caller;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.DfsPath;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.PathNotFoundException;

import java.io.IOException;

/**
 * What every namespace service shares: the lock, the namespace, the one way to change it (apply a
 * record, then journal it) and the permission checks. The services (tree, attributes, links, reads)
 * are split by concern around it, so no one class holds every operation.
 */
final class NamespaceCore {
    final Object lock = new Object();
    final Namespace ns;
    final Permissions permissions;
    private final NamespaceStateMachine machine;
    private final RecordLog log;
    private final SafeMode safeMode;
    final io.jdfs.name.journal.JournalHealth health;

    NamespaceCore(Namespace ns, NamespaceStateMachine machine, RecordLog log, SafeMode safeMode, Permissions permissions) {
        this.ns = ns;
        this.machine = machine;
        this.log = log;
        this.safeMode = safeMode;
        this.permissions = permissions;
        this.health = log.health();
    }

    /** Applies a record and appends it to the journal; callers answer only once it is durable. Under the lock. */
    void commit(NamespaceRecord record) throws DfsException {
        health.checkWritable();
        safeMode.checkWritable();
        machine.apply(record);
        try {
            log.append(record);
        } catch (IOException e) {
            // the journal failed between the check and the append: memory now holds a change it lost
            health.lostChange(e);
            throw new DfsException(ErrorCode.READ_ONLY, "the name server cannot write its journal: " + e.getMessage(), e);
        }
    }

    /** A path as given, with symlinks on the way resolved (the last one too when {@code followLast}). Under the lock. */
    DfsPath resolve(String p, boolean followLast) throws DfsException {
        return ns.resolve(DfsPath.of(p), followLast);
    }

    /** The inode at a path the caller may reach, or not found. Under the lock. */
    INode existing(Caller caller, DfsPath path) throws DfsException {
        permissions.traverse(caller, ns, path);
        INode n = ns.lookup(path);
        if (n == null) {
            throw new PathNotFoundException(path + ": no such file or directory");
        }
        return n;
    }

    /** Creating {@code path} and missing parents: write and search on the deepest directory that exists. */
    void checkCanCreateBelow(Caller caller, DfsPath path) throws DfsException {
        DfsPath existing = path.parent();
        while (ns.lookup(existing) == null) {
            existing = existing.parent();
        }
        io.jdfs.name.namespace.INode dir = ns.lookup(existing);
        if (dir instanceof io.jdfs.name.namespace.INodeDirectory) {
            permissions.check(caller, dir, io.jdfs.name.permission.Permissions.WRITE | io.jdfs.name.permission.Permissions.EXECUTE, existing);
        }
    }
}
