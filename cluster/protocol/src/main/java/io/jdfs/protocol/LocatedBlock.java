package io.jdfs.protocol;

import java.util.List;

/**
 * A block, its offset in the file, and the live data servers holding a finalized replica of it (or, for
 * an allocation, the pipeline to write it down), with the token that lets the holder read or write it
 * there (null until the name server's RPC layer adds it).
 */
public record LocatedBlock(Block block, long offset, List<DataServerRef> locations, BlockToken token) {
    public LocatedBlock(Block block, long offset, List<DataServerRef> locations) {
        this(block, offset, locations, null);
    }

    public LocatedBlock withToken(BlockToken t) {
        return new LocatedBlock(block, offset, locations, t);
    }

    public long end() {
        return offset + block.length();
    }
}
