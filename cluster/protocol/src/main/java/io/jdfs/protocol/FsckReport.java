package io.jdfs.protocol;

import java.util.List;
import java.util.Set;

/**
 * The health of the files under a path, block by block. Bounded: when {@code hasMore}, ask again
 * skipping {@code filesVisited} files. Counts cover the files of this page only.
 */
public record FsckReport(String path, List<FileHealth> files, long blocks, long underReplicated, long overReplicated,
                         long misReplicated, long corrupt, long missing, long filesVisited, boolean hasMore) {

    public enum Flag {
        UNDER_REPLICATED, OVER_REPLICATED, MIS_REPLICATED, CORRUPT, MISSING
    }

    /** A file and its blocks; only files with some block are listed with their blocks. */
    public record FileHealth(String path, int replication, boolean underConstruction, List<BlockHealth> blocks) {
    }

    /**
     * @param liveReplicas   replicas on live servers in service
     * @param decommissioning replicas on live servers being (or already) decommissioned
     * @param locations      ids of the servers holding a replica
     */
    public record BlockHealth(Block block, int liveReplicas, int decommissioning, int expected, List<String> locations,
                              List<String> corruptOn, Set<Flag> flags) {
    }

    /** Files some writer still holds open (uploads in progress, or writers that vanished). */
    public List<FileHealth> openForWrite() {
        return files.stream().filter(FileHealth::underConstruction).toList();
    }

    /** Hidden upload temporaries: uploads in progress, or left by a client killed mid-upload. */
    public List<FileHealth> temporaries() {
        return files.stream().filter(f -> io.jdfs.protocol.TemporaryNames.isTemporary(
                f.path().substring(f.path().lastIndexOf('/') + 1))).toList();
    }

    /** True when every block checked has its full replication and none is corrupt or missing. */
    public boolean healthy() {
        return underReplicated == 0 && corrupt == 0 && missing == 0;
    }
}
