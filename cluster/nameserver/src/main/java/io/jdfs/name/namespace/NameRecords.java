package io.jdfs.name.namespace;

import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.DfsPath;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.PathExistsException;
import io.jdfs.protocol.PathNotFoundException;

/**
 * The records that give existing inodes other names without moving or removing any: hard links and
 * rename-exchange. Part of the {@link NamespaceStateMachine}, same rules.
 */
final class NameRecords {
    private final Namespace ns;

    NameRecords(Namespace ns) {
        this.ns = ns;
    }

    void exchange(NamespaceRecord.Exchange r) throws DfsException {
        DfsPath a = DfsPath.of(r.first());
        DfsPath b = DfsPath.of(r.second());
        if (a.isRoot() || b.isRoot()) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "cannot exchange the root directory");
        }
        if (a.isSameOrDescendantOf(b) || b.isSameOrDescendantOf(a)) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "cannot exchange " + a + " and " + b
                    + ": one contains the other");
        }
        INodeDirectory pa = ns.directory(a.parent());
        INodeDirectory pb = ns.directory(b.parent());
        INode na = pa.children.get(a.name());
        INode nb = pb.children.get(b.name());
        if (na == null || nb == null) {
            throw new PathNotFoundException((na == null ? a : b) + ": no such file or directory");
        }
        pa.children.put(a.name(), nb);
        pb.children.put(b.name(), na);
        NamespaceStateMachine.touch(pa, r.timeNanos());
        NamespaceStateMachine.touch(pb, r.timeNanos());
        na.ctimeNanos = r.timeNanos();
        nb.ctimeNanos = r.timeNanos();
    }

    void link(NamespaceRecord.Link r) throws DfsException {
        INode target = existing(r.existing());
        if (target instanceof INodeDirectory) {
            throw new DfsException(ErrorCode.NOT_PERMITTED, r.existing() + " is a directory: directories cannot be hard-linked");
        }
        DfsPath path = DfsPath.of(r.path());
        if (path.isRoot()) {
            throw new PathExistsException("/ already exists");
        }
        INodeDirectory parent = ns.directory(path.parent());
        if (parent.children.containsKey(path.name())) {
            throw new PathExistsException(path + " already exists");
        }
        parent.children.put(path.name(), target);
        ns.extraLinks.merge(target.id, 1, Integer::sum);
        NamespaceStateMachine.touch(parent, r.timeNanos());
        target.ctimeNanos = r.timeNanos();
    }

    private INode existing(String p) throws PathNotFoundException {
        INode n = ns.lookup(DfsPath.of(p));
        if (n == null) {
            throw new PathNotFoundException(p + ": no such file or directory");
        }
        return n;
    }
}
