package io.jdfs.cli;

import java.util.List;

/** What fsck found; serialised as is by {@code dfs fsck --json}. */
record FsckReport(String path, Health status, long files, long openFiles, long directories, long blocks,
                  long healthyBlocks, long underReplicatedBlocks, long missingBlocks, long liveDataServers,
                  List<FileReport> fileReports) {

    /** Ordered by severity: the exit code of fsck is the ordinal of the worst one met. */
    enum Health {
        HEALTHY, UNDER_REPLICATED, MISSING;

        Health worst(Health other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }

    /** One file; {@code open} files are being written, their blocks are not judged. */
    record FileReport(String path, long length, int replication, boolean open, Health status, List<BlockReport> blocks) {
    }

    record BlockReport(long id, long offset, long length, int liveReplicas, int expectedReplicas, Health status,
                       List<String> locations) {
    }

    int exitCode() {
        return status.ordinal();
    }
}
