package io.jdfs.name.namespace;

import io.jdfs.name.blocks.BlockInfo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A file: replication, block size and its ordered blocks; {@code writer} is set while it is open. */
public final class INodeFile extends INode {
    short replication;
    final long blockSize;
    final List<BlockInfo> blocks = new ArrayList<>(1);
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
        return Collections.unmodifiableList(blocks);
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
