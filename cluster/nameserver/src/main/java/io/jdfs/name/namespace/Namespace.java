package io.jdfs.name.namespace;

import io.jdfs.name.blocks.IdTable;
import io.jdfs.protocol.DfsPath;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.FileType;
import io.jdfs.protocol.NotADirectoryException;
import io.jdfs.protocol.PathNotFoundException;

import java.util.HashMap;
import java.util.Map;

/**
 * The tree of inodes and the lookups on it. Mutations go through {@link NamespaceStateMachine} only;
 * callers hold the name server's namespace lock around both.
 */
public final class Namespace {
    public static final long ROOT_ID = 1;
    public static final int DEFAULT_DIR_MODE = 0755;

    final INodeDirectory root = new INodeDirectory(ROOT_ID, DEFAULT_DIR_MODE, 0);
    /** Inodes by id: one array slot each (see {@link IdTable}). */
    final IdTable<INode> inodes = new IdTable<>(INode::id);
    long lastInodeId = ROOT_ID;
    long lastBlockId;
    long files;
    long directories = 1;
    /** Symlinks in the tree: while there are none, path resolution is a plain lookup. */
    long symlinks;
    /** Names of inodes with more than one (hard links); an inode not here has one. Costs only where used. */
    final Map<Long, Integer> extraLinks = new HashMap<>();
    /** Blocks written for files open in place but not swapped in yet, by inode (see {@link FileRewrites}). */
    final Map<Long, java.util.List<io.jdfs.name.blocks.BlockInfo>> pendingBlocks = new HashMap<>();

    public Namespace() {
        inodes.put(root);
    }

    /** The inode at a path, or null when some component is missing. */
    public INode lookup(DfsPath path) {
        INode cur = root;
        for (String name : path.components()) {
            if (!(cur instanceof INodeDirectory d)) {
                return null;
            }
            cur = d.children.get(name);
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    /** Symlinks followed in one path resolution at most, as Linux (then ELOOP). */
    public static final int MAX_SYMLINK_HOPS = 40;

    /**
     * The path with every symlink on the way replaced by what it points to (the last component too
     * when {@code followLast}), as the kernel's path walk does. A missing component ends the walk:
     * the rest is kept as given, so "create through a dangling link" creates the target.
     */
    public DfsPath resolve(DfsPath path, boolean followLast) throws DfsException {
        if (symlinks == 0) {
            return path;
        }
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(path.components());
        java.util.List<String> done = new java.util.ArrayList<>();
        INode cur = root;
        int hops = 0;
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (name.equals(".") || name.isEmpty()) {
                continue;
            }
            if (name.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                cur = lookup(components(done));
                continue;
            }
            INode next = cur instanceof INodeDirectory d ? d.children.get(name) : null;
            if (next instanceof INodeSymlink s && (!todo.isEmpty() || followLast)) {
                if (++hops > MAX_SYMLINK_HOPS) {
                    throw new DfsException(ErrorCode.SYMLINK_LOOP, path + ": too many levels of symbolic links");
                }
                if (s.target.startsWith("/")) {
                    done.clear();
                    cur = root;
                }
                String[] parts = s.target.split("/");
                for (int i = parts.length - 1; i >= 0; i--) {
                    todo.addFirst(parts[i]);
                }
                continue;
            }
            done.add(name);
            cur = next;
            if (cur == null) {
                for (String rest : todo) { // nothing below a missing component to resolve
                    if (rest.equals("..") && !done.isEmpty()) {
                        done.remove(done.size() - 1);
                    } else if (!rest.equals(".") && !rest.isEmpty() && !rest.equals("..")) {
                        done.add(rest);
                    }
                }
                break;
            }
        }
        return components(done);
    }

    private static DfsPath components(java.util.List<String> names) {
        DfsPath p = DfsPath.ROOT;
        for (String n : names) {
            p = p.child(n);
        }
        return p;
    }

    /** The directory at a path, or a typed error saying why there is none. */
    public INodeDirectory directory(DfsPath path) throws PathNotFoundException, NotADirectoryException {
        INode cur = root;
        DfsPath walked = DfsPath.ROOT;
        for (String name : path.components()) {
            if (!(cur instanceof INodeDirectory d)) {
                throw new NotADirectoryException(walked + " is not a directory");
            }
            walked = walked.child(name);
            cur = d.children.get(name);
            if (cur == null) {
                throw new PathNotFoundException(walked + ": no such file or directory");
            }
        }
        if (!(cur instanceof INodeDirectory dir)) {
            throw new NotADirectoryException(path + " is not a directory");
        }
        return dir;
    }

    public INode byId(long inodeId) {
        return inodes.get(inodeId);
    }

    public long lastInodeId() {
        return lastInodeId;
    }

    /**
     * Starts block ids of a fresh namespace above {@code base}, so a name server without persisted
     * metadata never reuses the id of a replica still on some data server's disk.
     */
    public void seedBlockIds(long base) {
        if (lastBlockId < base) {
            lastBlockId = base;
        }
    }

    public long lastBlockId() {
        return lastBlockId;
    }

    public long files() {
        return files;
    }

    public long directories() {
        return directories;
    }

    /** The path of a live inode, by walking the tree (for rare events such as lease recovery); null if unlinked. */
    public DfsPath pathOf(long inodeId) {
        if (inodeId == ROOT_ID) {
            return DfsPath.ROOT;
        }
        java.util.ArrayDeque<Map.Entry<DfsPath, INodeDirectory>> todo = new java.util.ArrayDeque<>();
        todo.add(Map.entry(DfsPath.ROOT, root));
        while (!todo.isEmpty()) {
            var e = todo.poll();
            for (Map.Entry<String, INode> c : e.getValue().children.entrySet()) {
                DfsPath p = e.getKey().child(c.getKey());
                if (c.getValue().id == inodeId) {
                    return p;
                }
                if (c.getValue() instanceof INodeDirectory d) {
                    todo.add(Map.entry(p, d));
                }
            }
        }
        return null;
    }

    /** Calls {@code action(writer, inodeId)} for every file open for writing (to rebuild leases). */
    public void forEachOpenFile(java.util.function.BiConsumer<String, Long> action) {
        for (INode n : inodes.values()) {
            if (n instanceof INodeFile f && f.underConstruction()) {
                action.accept(f.writer, f.id);
            }
        }
    }

    /** How many directory entries name this inode (a directory: 2 + its subdirectories, as ext4). */
    public int linkCount(INode n) {
        if (n instanceof INodeDirectory d) {
            return d.linkCount();
        }
        return 1 + extraLinks.getOrDefault(n.id, 0);
    }

    public FileStatus status(String path, INode inode) {
        if (inode instanceof INodeFile f) {
            return new FileStatus(path, f.id, FileType.FILE, f.length(), f.replication, f.blockSize, f.mode,
                    f.uid, f.gid, f.mtimeNanos, f.atimeNanos, f.ctimeNanos, linkCount(f), !f.underConstruction(), null, 0,
                    f.xattrs().size());
        }
        if (inode instanceof INodeSymlink s) {
            return new FileStatus(path, s.id, FileType.SYMLINK, s.target.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                    0, 0, s.mode, s.uid, s.gid, s.mtimeNanos, s.atimeNanos, s.ctimeNanos, linkCount(s), true, s.target, 0,
                    s.xattrs().size());
        }
        if (inode instanceof INodeSpecial x) {
            return new FileStatus(path, x.id, x.type, 0, 0, 0, x.mode, x.uid, x.gid, x.mtimeNanos, x.atimeNanos,
                    x.ctimeNanos, linkCount(x), true, null, x.rdev, x.xattrs().size());
        }
        INodeDirectory d = (INodeDirectory) inode;
        return new FileStatus(path, d.id, FileType.DIRECTORY, 0, 0, 0, d.mode, d.uid, d.gid,
                d.mtimeNanos, d.atimeNanos, d.ctimeNanos, d.linkCount(), true, null, 0, d.xattrs().size());
    }
}
