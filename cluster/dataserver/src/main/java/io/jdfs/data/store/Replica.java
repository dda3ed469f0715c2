package io.jdfs.data.store;

import io.jdfs.protocol.Block;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A finalized replica on disk: its block and where its bytes are. A file replica has its own data
 * file and checksum sidecar ({@code dataOffset} 0); a small replica lives in a container file at
 * {@code dataOffset}, its checksums held here.
 */
public record Replica(Block block, Path dataFile, Path metaFile, long dataOffset, int[] crcs,
                      ContainerStore.Slot slot) {
    public Replica(Block block, Path dataFile, Path metaFile) {
        this(block, dataFile, metaFile, 0, null, null);
    }

    public long id() {
        return block.id();
    }

    public long length() {
        return block.length();
    }

    /** True for a small replica stored in a container file. */
    public boolean inContainer() {
        return slot != null;
    }

    /** One CRC32C per 64 KiB chunk of the data. */
    public int[] checksums() throws IOException {
        return crcs != null ? crcs.clone() : ChecksumFile.read(metaFile, block.length());
    }
}
