package io.jdfs.shell.client;

import java.util.List;
import java.util.Set;

/** What {@code dfs fsck} found; serialised as is by {@code --json}. */
public record FsckReport(String path, Health status, long files, long openFiles, long blocks, long healthyBlocks,
                  long underReplicatedBlocks, long overReplicatedBlocks, long corruptBlocks, long missingBlocks,
                  long liveDataServers, List<FileReport> fileReports) {

    /** Ordered by severity. */
    public enum Health {
        HEALTHY(0), UNDER_REPLICATED(1), CORRUPT(1), MISSING(2);

        /** The exit code of fsck when this is the worst health met. */
        final int exitCode;

        Health(int exitCode) {
            this.exitCode = exitCode;
        }

        Health worst(Health other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }

    /** One file; {@code open} files are being written: their blocks are listed, not judged. */
    record FileReport(String path, long length, int replication, boolean open, Health status, List<BlockReport> blocks) {
    }

    /**
     * One block. {@code liveReplicas} counts good replicas on live servers in service, as the name server
     * sees them; {@code flags} are the name server's (UNDER_REPLICATED, OVER_REPLICATED, CORRUPT, MISSING...).
     */
    record BlockReport(long id, long offset, long length, int liveReplicas, int decommissioningReplicas,
                       int expectedReplicas, Health status, Set<String> flags, List<String> locations,
                       List<String> corruptOn) {
    }

    public int exitCode() {
        return status.exitCode;
    }
}
