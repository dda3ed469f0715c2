package io.jdfs.data;

/**
 * How a data server takes part in self-healing.
 *
 * @param scanIntervalMillis         pause between two passes of the block scanner over every replica; 0 disables it
 * @param scanBytesPerSecond         read rate of the scanner (it must not starve clients); 0 for no limit
 * @param replicationBytesPerSecond  send rate of all re-replication copies together; 0 for no limit
 * @param replicationThreads         copies this server sends at once (the name server caps what it hands out)
 */
public record HealingSettings(long scanIntervalMillis, long scanBytesPerSecond, long replicationBytesPerSecond,
                              int replicationThreads) {

    /** A full scan every 6 hours at 16 MiB/s, copies unthrottled, 8 at a time. */
    public static HealingSettings defaults() {
        return new HealingSettings(6 * 3600_000L, 16L << 20, 0, 8);
    }

    public HealingSettings withScan(long intervalMillis, long bytesPerSecond) {
        return new HealingSettings(intervalMillis, bytesPerSecond, replicationBytesPerSecond, replicationThreads);
    }

    public HealingSettings withReplicationBandwidth(long bytesPerSecond) {
        return new HealingSettings(scanIntervalMillis, scanBytesPerSecond, bytesPerSecond, replicationThreads);
    }
}
