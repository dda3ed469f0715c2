package io.jdfs.name.namespace;

import io.jdfs.name.blocks.BlockInfo;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A file: replication, block size and its ordered blocks; {@code writer} is set while it is open. */
public final class INodeFile extends INode {
    short replication;
    long blockSize; // set once: at create, or when a checkpoint loads
    /** The blocks in order; an array (no list object per file), shared while empty. */
    BlockInfo[] blocks = NO_BLOCKS;
    private static final BlockInfo[] NO_BLOCKS = new BlockInfo[0];
    String writer;

    INodeFile(long id, int mode, long nowNanos, int replication, long blockSize, String writer) {
        super(id, mode, nowNanos);
        this.replication = (short) replication;
        this.blockSize = blockSize;
        this.writer = writer;
    }

    public int replication() {
        return replication;
    }

    public long blockSize() {
        return blockSize;
    }

    public List<BlockInfo> blocks() {
        return Collections.unmodifiableList(Arrays.asList(blocks));
    }

    void addBlock(BlockInfo b) {
        blocks = Arrays.copyOf(blocks, blocks.length + 1);
        blocks[blocks.length - 1] = b;
    }

    /** Drops the last block and returns it. */
    BlockInfo removeLastBlock() {
        BlockInfo last = blocks[blocks.length - 1];
        blocks = blocks.length == 1 ? NO_BLOCKS : Arrays.copyOf(blocks, blocks.length - 1);
        return last;
    }

    public String writer() {
        return writer;
    }

    public boolean underConstruction() {
        return writer != null;
    }

    public long length() {
        long len = 0;
        for (BlockInfo b : blocks) {
            len += b.length();
        }
        return len;
    }
}
