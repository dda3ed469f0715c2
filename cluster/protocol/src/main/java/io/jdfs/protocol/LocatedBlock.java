package io.jdfs.protocol;

import java.util.List;

/** A block, its offset in the file, and the live data servers holding a finalized replica of it. */
public record LocatedBlock(Block block, long offset, List<DataServerRef> locations) {
    public long end() {
        return offset + block.length();
    }
}
