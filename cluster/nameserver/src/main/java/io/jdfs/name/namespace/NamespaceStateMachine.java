package io.jdfs.name.namespace;

import io.jdfs.protocol.DfsPath;
import io.jdfs.name.blocks.BlockInfo;
import io.jdfs.name.blocks.BlockMap;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.DirectoryNotEmptyException;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.IsADirectoryException;
import io.jdfs.protocol.NotADirectoryException;
import io.jdfs.protocol.PathExistsException;
import io.jdfs.protocol.PathNotFoundException;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies {@link NamespaceRecord}s to a {@link Namespace}. Each apply checks everything first and
 * then mutates, so a record either applies whole or fails with a typed error and changes nothing.
 * Deterministic: the same records on the same state give the same state (the basis of journal replay).
 */
public final class NamespaceStateMachine {
    private static final int SETGID = 02000;
    private final Namespace ns;
    private final BlockMap blockMap;
    private final FileRewrites rewrites;
    private final AttributeRecords attributes;
    private final NameRecords names;

    public NamespaceStateMachine(Namespace ns, BlockMap blockMap) {
        this.ns = ns;
        this.blockMap = blockMap;
        this.rewrites = new FileRewrites(ns, blockMap);
        this.attributes = new AttributeRecords(ns);
        this.names = new NameRecords(ns);
    }

    public Namespace namespace() {
        return ns;
    }

    public void apply(NamespaceRecord record) throws DfsException {
        if (attributes.apply(record)) {
            return;
        }
        if (record instanceof NamespaceRecord.Mkdirs r) {
            mkdirs(r);
        } else if (record instanceof NamespaceRecord.CreateFile r) {
            createFile(r);
        } else if (record instanceof NamespaceRecord.AddBlock r) {
            addBlock(r);
        } else if (record instanceof NamespaceRecord.CloseFile r) {
            closeFile(r);
        } else if (record instanceof NamespaceRecord.ReopenFile r) {
            rewrites.reopen(r);
        } else if (record instanceof NamespaceRecord.AllocateBlock r) {
            rewrites.allocate(r);
        } else if (record instanceof NamespaceRecord.CommitWrite r) {
            rewrites.commit(r);
        } else if (record instanceof NamespaceRecord.Rename r) {
            rename(r);
        } else if (record instanceof NamespaceRecord.Exchange r) {
            names.exchange(r);
        } else if (record instanceof NamespaceRecord.Delete r) {
            delete(r);
        } else if (record instanceof NamespaceRecord.BumpGeneration r) {
            bumpGeneration(r);
        } else if (record instanceof NamespaceRecord.Symlink r) {
            addLeaf(r.path(), new INodeSymlink(r.inodeId(), r.target(), r.timeNanos()), r.uid(), r.gid(), r.timeNanos());
        } else if (record instanceof NamespaceRecord.MakeNode r) {
            addLeaf(r.path(), new INodeSpecial(r.inodeId(), r.type(), r.mode() & 07777, r.rdev(), r.timeNanos()),
                    r.uid(), r.gid(), r.timeNanos());
        } else if (record instanceof NamespaceRecord.Link r) {
            names.link(r);
        } else {
            throw new IllegalArgumentException("unknown record " + record);
        }
    }

    private void mkdirs(NamespaceRecord.Mkdirs r) throws DfsException {
        DfsPath path = DfsPath.of(r.path());
        INodeDirectory cur = ns.root;
        DfsPath walked = DfsPath.ROOT;
        int missingFrom = -1;
        List<String> parts = path.components();
        for (int i = 0; i < parts.size(); i++) {
            walked = walked.child(parts.get(i));
            INode next = cur.children.get(parts.get(i));
            if (next == null) {
                missingFrom = i;
                break;
            }
            if (!(next instanceof INodeDirectory d)) {
                throw new PathExistsException(walked + " exists and is not a directory");
            }
            cur = d;
        }
        if (missingFrom < 0) {
            return;
        }
        long id = r.firstId();
        for (int i = missingFrom; i < parts.size(); i++) {
            boolean setgid = (cur.mode & SETGID) != 0; // a setgid directory passes its group and the bit on
            INodeDirectory dir = new INodeDirectory(id, r.mode() | (setgid ? SETGID : 0), r.timeNanos());
            dir.uid = r.uid();
            dir.gid = setgid ? cur.gid : r.gid();
            cur.children.put(parts.get(i), dir);
            touch(cur, r.timeNanos());
            register(dir);
            ns.directories++;
            cur = dir;
            id++;
        }
    }

    private void createFile(NamespaceRecord.CreateFile r) throws DfsException {
        DfsPath path = DfsPath.of(r.path());
        if (path.isRoot()) {
            throw new IsADirectoryException("/ is a directory");
        }
        INodeDirectory parent = ns.directory(path.parent());
        INode existing = parent.children.get(path.name());
        if (existing instanceof INodeDirectory) {
            throw new IsADirectoryException(path + " is a directory");
        }
        if (existing != null && !r.overwrite()) {
            throw new PathExistsException(path + " already exists (overwrite not requested)");
        }
        if (existing != null) {
            removeSubtree(existing);
        }
        INodeFile file = new INodeFile(r.inodeId(), r.mode(), r.timeNanos(), r.replication(), r.blockSize(), r.writer());
        file.uid = r.uid();
        file.gid = (parent.mode & SETGID) != 0 ? parent.gid : r.gid();
        parent.children.put(path.name(), file);
        touch(parent, r.timeNanos());
        register(file);
        ns.files++;
    }

    private void addBlock(NamespaceRecord.AddBlock r) throws DfsException {
        INodeFile file = openFile(r.inodeId());
        if (r.index() != file.blocks.length) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "block index " + r.index()
                    + " is out of order (file has " + file.blocks.length + " blocks)");
        }
        BlockInfo b = new BlockInfo(r.blockId(), r.generation(), file.id, file.replication);
        file.addBlock(b);
        blockMap.add(b);
        ns.lastBlockId = Math.max(ns.lastBlockId, r.blockId());
    }

    private void closeFile(NamespaceRecord.CloseFile r) throws DfsException {
        INodeFile file = openFile(r.inodeId());
        List<Block> finals = r.blocks();
        if (finals.size() > file.blocks.length) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "close names " + finals.size()
                    + " blocks but the file has " + file.blocks.length);
        }
        for (int i = 0; i < finals.size(); i++) {
            if (finals.get(i).id() != file.blocks[i].id()) {
                throw new DfsException(ErrorCode.INVALID_ARGUMENT, "block " + i + " of the file is "
                        + file.blocks[i].id() + ", not " + finals.get(i).id());
            }
        }
        for (int i = 0; i < finals.size(); i++) {
            file.blocks[i].commit(finals.get(i).length());
        }
        while (file.blocks.length > finals.size()) {
            blockMap.remove(file.removeLastBlock().id());
        }
        rewrites.dropPending(file.id);
        file.writer = null;
        file.mtimeNanos = r.timeNanos();
        file.ctimeNanos = Clock.ctimeAfterChange(file.ctimeNanos, r.timeNanos());
    }

    private void rename(NamespaceRecord.Rename r) throws DfsException {
        DfsPath src = DfsPath.of(r.source());
        DfsPath dst = DfsPath.of(r.target());
        if (src.isRoot() || dst.isRoot()) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "cannot rename the root directory");
        }
        INodeDirectory srcParent = ns.directory(src.parent());
        INode moving = srcParent.children.get(src.name());
        if (moving == null) {
            throw new PathNotFoundException(src + ": no such file or directory");
        }
        if (src.equals(dst)) {
            return;
        }
        if (moving.isDirectory() && dst.isSameOrDescendantOf(src)) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "cannot move " + src + " into itself (" + dst + ")");
        }
        INodeDirectory dstParent = ns.directory(dst.parent());
        INode existing = dstParent.children.get(dst.name());
        if (existing == moving) {
            return; // two hard links of one inode: rename(2) does nothing
        }
        if (existing != null) {
            if (!r.overwrite()) {
                throw new PathExistsException(dst + " already exists (overwrite not requested)");
            }
            if (existing instanceof INodeDirectory d) {
                if (!moving.isDirectory()) {
                    throw new IsADirectoryException("cannot replace directory " + dst + " with a file");
                }
                if (!d.children.isEmpty()) {
                    throw new DirectoryNotEmptyException("cannot replace " + dst + ": directory not empty");
                }
            } else if (moving.isDirectory()) {
                throw new NotADirectoryException("cannot replace file " + dst + " with a directory");
            }
            removeSubtree(existing);
        }
        srcParent.children.remove(src.name());
        dstParent.children.put(dst.name(), moving);
        touch(srcParent, r.timeNanos());
        touch(dstParent, r.timeNanos());
        moving.ctimeNanos = r.timeNanos();
    }


    private void delete(NamespaceRecord.Delete r) throws DfsException {
        DfsPath path = DfsPath.of(r.path());
        if (path.isRoot()) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "cannot delete the root directory");
        }
        INodeDirectory parent = ns.directory(path.parent());
        INode target = parent.children.get(path.name());
        if (target == null) {
            throw new PathNotFoundException(path + ": no such file or directory");
        }
        if (target instanceof INodeDirectory d && !d.children.isEmpty() && !r.recursive()) {
            throw new DirectoryNotEmptyException(path + " is a non-empty directory (delete it recursively)");
        }
        parent.children.remove(path.name());
        touch(parent, r.timeNanos());
        removeSubtree(target);
    }


    /** A new symlink or special file under an existing directory; an existing name is refused. */
    private void addLeaf(String p, INode leaf, int uid, int gid, long timeNanos) throws DfsException {
        DfsPath path = DfsPath.of(p);
        if (path.isRoot()) {
            throw new PathExistsException("/ already exists");
        }
        INodeDirectory parent = ns.directory(path.parent());
        if (parent.children.containsKey(path.name())) {
            throw new PathExistsException(path + " already exists");
        }
        leaf.uid = uid;
        leaf.gid = (parent.mode & SETGID) != 0 ? parent.gid : gid;
        parent.children.put(path.name(), leaf);
        touch(parent, timeNanos);
        register(leaf);
        ns.files++;
        if (leaf instanceof INodeSymlink) {
            ns.symlinks++;
        }
    }


    /**
     * One name of a non-directory inode goes: true when it was the last (the inode goes too), else
     * its link count drops and its ctime moves.
     */
    private boolean lastName(INode n) {
        Integer extra = ns.extraLinks.get(n.id);
        if (extra == null) {
            return true;
        }
        if (extra == 1) {
            ns.extraLinks.remove(n.id);
        } else {
            ns.extraLinks.put(n.id, extra - 1);
        }
        return false;
    }



    private void bumpGeneration(NamespaceRecord.BumpGeneration r) throws DfsException {
        INodeFile file = openFile(r.inodeId());
        if (rewrites.bumpPending(file.id, r.blockId(), r.generation())) {
            return;
        }
        for (BlockInfo b : file.blocks) {
            if (b.id() == r.blockId()) {
                if (b.committed() || r.generation() <= b.generation()) {
                    throw new DfsException(ErrorCode.INVALID_ARGUMENT, "block " + r.blockId()
                            + " cannot move to generation " + r.generation());
                }
                b.generation(r.generation());
                return;
            }
        }
        throw new DfsException(ErrorCode.INVALID_ARGUMENT, "block " + r.blockId() + " is not in file " + r.inodeId());
    }


    private INode existing(String p) throws PathNotFoundException {
        INode n = ns.lookup(DfsPath.of(p));
        if (n == null) {
            throw new PathNotFoundException(p + ": no such file or directory");
        }
        return n;
    }

    private INodeFile openFile(long inodeId) throws DfsException {
        INode n = ns.inodes.get(inodeId);
        if (!(n instanceof INodeFile f)) {
            throw new PathNotFoundException("file " + inodeId + " no longer exists (deleted while open?)");
        }
        if (!f.underConstruction()) {
            throw new DfsException(ErrorCode.LEASE_CONFLICT, "file " + inodeId + " is already closed");
        }
        return f;
    }

    private void register(INode n) {
        ns.inodes.put(n);
        ns.lastInodeId = Math.max(ns.lastInodeId, n.id);
    }

    static void touch(INodeDirectory dir, long nowNanos) {
        dir.mtimeNanos = nowNanos;
        dir.ctimeNanos = nowNanos;
    }

    /** Drops a subtree from the inode table and the block map (its replicas get deleted lazily). */
    private void removeSubtree(INode top) {
        List<INode> stack = new ArrayList<>();
        stack.add(top);
        while (!stack.isEmpty()) {
            INode n = stack.remove(stack.size() - 1);
            if (!(n instanceof INodeDirectory) && !lastName(n)) {
                continue; // another hard link still names it
            }
            ns.inodes.remove(n.id);
            if (n instanceof INodeDirectory d) {
                stack.addAll(d.children.values());
                ns.directories--;
            } else if (n instanceof INodeFile f) {
                for (BlockInfo b : f.blocks) {
                    blockMap.remove(b.id());
                }
                rewrites.dropPending(f.id);
                ns.files--;
            } else {
                ns.files--;
                if (n instanceof INodeSymlink) {
                    ns.symlinks--;
                }
            }
        }
    }
}
