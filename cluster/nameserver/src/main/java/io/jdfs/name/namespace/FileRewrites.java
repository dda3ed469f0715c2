package io.jdfs.name.namespace;

import io.jdfs.name.blocks.BlockInfo;
import io.jdfs.name.blocks.BlockMap;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.IndexedBlock;
import io.jdfs.protocol.LeaseConflictException;
import io.jdfs.protocol.PathNotFoundException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes to a file after it was first written: reopen, copy-on-write blocks and the swap that makes
 * them visible. A writer writes changed blocks as new blocks ("pending": known to the block map so
 * their replicas are kept, but not in the file), and one {@link NamespaceRecord.CommitWrite} swaps
 * them in, so a reader sees either the old or the new block at every index, never half of one.
 * Part of the {@link NamespaceStateMachine}: same determinism, same all-checks-first rule.
 */
final class FileRewrites {
    private final Namespace ns;
    private final BlockMap blockMap;

    FileRewrites(Namespace ns, BlockMap blockMap) {
        this.ns = ns;
        this.blockMap = blockMap;
    }

    void reopen(NamespaceRecord.ReopenFile r) throws DfsException {
        INodeFile file = file(r.inodeId());
        if (file.underConstruction()) {
            throw new LeaseConflictException("file " + r.inodeId() + " is being written by " + file.writer);
        }
        file.writer = r.writer();
    }

    void allocate(NamespaceRecord.AllocateBlock r) throws DfsException {
        INodeFile file = openFile(r.inodeId());
        if (r.blockId() <= ns.lastBlockId) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "block id " + r.blockId() + " was used before");
        }
        BlockInfo b = new BlockInfo(r.blockId(), r.generation(), file.id, file.replication);
        blockMap.add(b);
        ns.pendingBlocks.computeIfAbsent(file.id, k -> new ArrayList<>(2)).add(b);
        ns.lastBlockId = r.blockId();
    }

    void commit(NamespaceRecord.CommitWrite r) throws DfsException {
        INodeFile file = openFile(r.inodeId());
        BlockInfo[] next = plan(file, r);
        boolean changed = next.length != file.blocks.length || !r.changed().isEmpty();
        List<BlockInfo> pending = ns.pendingBlocks.get(file.id);
        for (int i = 0; i < next.length; i++) {
            BlockInfo old = i < file.blocks.length ? file.blocks[i] : null;
            if (old == next[i]) {
                continue;
            }
            if (pending != null) {
                pending.remove(next[i]);
            }
            if (i < file.blocks.length) {
                file.blocks[i] = next[i];
            } else {
                file.addBlock(next[i]);
            }
            if (old != null) {
                blockMap.remove(old.id()); // retained while a reader holds the file
            }
        }
        while (file.blocks.length > next.length) {
            blockMap.remove(file.removeLastBlock().id());
        }
        if (pending != null && pending.isEmpty()) {
            ns.pendingBlocks.remove(file.id);
        }
        if (r.close()) {
            dropPending(file.id);
            file.writer = null;
        }
        if (changed) {
            file.mtimeNanos = r.timeNanos();
            file.ctimeNanos = Clock.ctimeAfterChange(file.ctimeNanos, r.timeNanos());
        }
    }

    /** The block list after the commit: checks everything first, then sets the new blocks' lengths. */
    private BlockInfo[] plan(INodeFile file, NamespaceRecord.CommitWrite r) throws DfsException {
        int count = r.blockCount();
        if (count < 0) {
            throw invalid("a file cannot have " + count + " blocks");
        }
        Map<Long, BlockInfo> pending = new HashMap<>();
        for (BlockInfo b : ns.pendingBlocks.getOrDefault(file.id, List.of())) {
            pending.put(b.id(), b);
        }
        BlockInfo[] next = new BlockInfo[count];
        for (int i = 0; i < Math.min(count, file.blocks.length); i++) {
            next[i] = file.blocks[i];
        }
        long[] lengths = new long[count];
        for (int i = 0; i < next.length; i++) {
            lengths[i] = next[i] == null ? -1 : next[i].length();
        }
        for (IndexedBlock c : r.changed()) {
            int i = c.index();
            if (i < 0 || i >= count) {
                throw invalid("block index " + i + " is outside the file's " + count + " blocks");
            }
            Block b = c.block();
            if (b.isHole()) {
                next[i] = hole(file);
            } else {
                BlockInfo p = pending.remove(b.id());
                if (p == null) {
                    throw invalid("block " + b.id() + " was not allocated for this file, or was already used");
                }
                if (p.generation() != b.generation()) {
                    throw invalid("block " + b.id() + " is at generation " + p.generation() + ", not " + b.generation());
                }
                next[i] = p;
            }
            lengths[i] = b.length();
        }
        for (int i = 0; i < count; i++) {
            if (next[i] == null) {
                throw invalid("block " + i + " of " + count + " is neither kept nor given");
            }
            boolean last = i == count - 1;
            if (lengths[i] > file.blockSize || lengths[i] <= 0 || (!last && lengths[i] != file.blockSize)) {
                throw invalid("block " + i + " would hold " + lengths[i] + " bytes: every block but the last holds "
                        + file.blockSize + ", the last 1 to " + file.blockSize);
            }
        }
        // only now, all checks passed: fix the lengths of the new blocks
        for (IndexedBlock c : r.changed()) {
            BlockInfo b = next[c.index()];
            if (b.id() == Block.HOLE_ID || !b.committed()) {
                b.commit(c.block().length());
            }
        }
        return next;
    }

    private static BlockInfo hole(INodeFile file) {
        return new BlockInfo(Block.HOLE_ID, 0, file.id, file.replication);
    }

    /** The writer closed or vanished, or the file went: blocks it wrote but never swapped in are dropped. */
    void dropPending(long inodeId) {
        List<BlockInfo> pending = ns.pendingBlocks.remove(inodeId);
        if (pending != null) {
            for (BlockInfo b : pending) {
                blockMap.remove(b.id());
            }
        }
    }

    /** Pipeline recovery of a pending block: true when it is one. */
    boolean bumpPending(long inodeId, long blockId, long generation) throws DfsException {
        for (BlockInfo b : ns.pendingBlocks.getOrDefault(inodeId, List.of())) {
            if (b.id() == blockId) {
                if (generation <= b.generation()) {
                    throw invalid("block " + blockId + " cannot move to generation " + generation);
                }
                b.generation(generation);
                return true;
            }
        }
        return false;
    }

    private INodeFile file(long inodeId) throws PathNotFoundException {
        if (!(ns.inodes.get(inodeId) instanceof INodeFile f)) {
            throw new PathNotFoundException("file " + inodeId + " no longer exists");
        }
        return f;
    }

    private INodeFile openFile(long inodeId) throws DfsException {
        INodeFile f = file(inodeId);
        if (!f.underConstruction()) {
            throw new DfsException(ErrorCode.LEASE_CONFLICT, "file " + inodeId + " is not open for writing");
        }
        return f;
    }

    private static DfsException invalid(String message) {
        return new DfsException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
