package io.jdfs.data.store;

import io.jdfs.protocol.Block;

import java.nio.file.Path;

/** A finalized replica on disk: its block, data file and checksum sidecar. */
public record Replica(Block block, Path dataFile, Path metaFile) {
    public long id() {
        return block.id();
    }

    public long length() {
        return block.length();
    }
}
