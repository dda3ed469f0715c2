package io.jdfs.name.permission;

import io.jdfs.name.namespace.INode;
import io.jdfs.name.namespace.INodeDirectory;
import io.jdfs.name.namespace.Namespace;
import io.jdfs.protocol.AccessDeniedException;
import io.jdfs.protocol.Caller;
import io.jdfs.protocol.DfsPath;
import io.jdfs.protocol.ErrorCode;

/**
 * POSIX permission checks against a caller: owner, group or other bits of each inode, search
 * permission on every directory a path walks through, the sticky bit, and the superuser (uid 0, the
 * user the name server runs as, and members of the supergroup) who passes them all. Called under the
 * namespace lock by the namespace service before it journals a change.
 */
public final class Permissions {
    public static final int READ = 4;
    public static final int WRITE = 2;
    public static final int EXECUTE = 1;
    private static final int STICKY = 01000;

    private final int serverUid;
    private final int supergroup;

    /** @param supergroup gid whose members are superusers, or -1 for none */
    public Permissions(int serverUid, int supergroup) {
        this.serverUid = serverUid;
        this.supergroup = supergroup;
    }

    public boolean isSuper(Caller c) {
        return c.uid() == 0 || c.uid() == serverUid || (supergroup >= 0 && c.inGroup(supergroup));
    }

    /** The caller may {@code access} (READ, WRITE, EXECUTE bits) the inode. */
    public void check(Caller c, INode n, int access, DfsPath path) throws AccessDeniedException {
        if (isSuper(c)) {
            return;
        }
        int bits;
        if (c.uid() == n.uid()) {
            bits = (n.mode() >> 6) & 7;
        } else if (c.inGroup(n.gid())) {
            bits = (n.mode() >> 3) & 7;
        } else {
            bits = n.mode() & 7;
        }
        if ((bits & access) != access) {
            throw denied(c, path, access);
        }
    }

    /** Search permission on every directory above the last component of {@code path}. */
    public void traverse(Caller c, Namespace ns, DfsPath path) throws AccessDeniedException {
        if (isSuper(c) || path.isRoot()) {
            return;
        }
        DfsPath walked = DfsPath.ROOT;
        INode cur = ns.lookup(walked);
        for (String name : path.parent().components()) {
            check(c, cur, EXECUTE, walked);
            walked = walked.child(name);
            cur = ns.lookup(walked);
            if (!(cur instanceof INodeDirectory)) {
                return; // the lookup that follows names the missing or non-directory component
            }
        }
        check(c, cur, EXECUTE, walked);
    }

    /** Adding or removing an entry of {@code path}'s parent: write and search on the parent. */
    public void checkParentWritable(Caller c, Namespace ns, DfsPath path) throws AccessDeniedException {
        if (path.isRoot()) {
            return; // the root has no parent: the operation itself refuses it
        }
        traverse(c, ns, path);
        INode parent = ns.lookup(path.parent());
        if (parent != null) {
            check(c, parent, WRITE | EXECUTE, path.parent());
        }
    }

    /** In a sticky directory only the owner of an entry, of the directory, or the superuser removes or renames it. */
    public void checkSticky(Caller c, Namespace ns, DfsPath path) throws AccessDeniedException {
        if (path.isRoot()) {
            return;
        }
        INode parent = ns.lookup(path.parent());
        INode child = ns.lookup(path);
        if (parent == null || child == null || (parent.mode() & STICKY) == 0 || isSuper(c)) {
            return;
        }
        if (c.uid() != child.uid() && c.uid() != parent.uid()) {
            throw new AccessDeniedException(ErrorCode.NOT_PERMITTED, path + ": operation not permitted: "
                    + path.parent() + " is sticky and " + c.user() + " owns neither");
        }
    }

    /** Only the owner or the superuser changes modes and times. */
    public void checkOwner(Caller c, INode n, DfsPath path, String what) throws AccessDeniedException {
        if (!isSuper(c) && c.uid() != n.uid()) {
            throw new AccessDeniedException(ErrorCode.NOT_PERMITTED, path + ": operation not permitted: only its owner"
                    + " (uid " + n.uid() + ") or the superuser may " + what);
        }
    }

    /** Removing a directory tree needs write and search on each directory in it (as rm -r). */
    public void checkTreeRemovable(Caller c, INode top, DfsPath path) throws AccessDeniedException {
        if (isSuper(c) || !(top instanceof INodeDirectory d) || d.children().isEmpty()) {
            return;
        }
        check(c, d, READ | WRITE | EXECUTE, path);
        for (var e : d.children().entrySet()) {
            checkTreeRemovable(c, e.getValue(), path.child(e.getKey()));
        }
    }

    private static AccessDeniedException denied(Caller c, DfsPath path, int access) {
        String what = (access & WRITE) != 0 ? "write" : (access & READ) != 0 ? "read" : "search";
        return new AccessDeniedException(ErrorCode.PERMISSION_DENIED, path + ": permission denied (" + c.user()
                + ", uid " + c.uid() + ", may not " + what + ")");
    }
}
