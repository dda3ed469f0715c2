package io.jdfs.data;

import io.jdfs.data.store.CompactionSettings;
import io.jdfs.data.store.ReplicasInProgress;

/**
 * How a data server takes part in self-healing and keeps its storage in shape.
 *
 * @param scanIntervalMillis         pause between two passes of the block scanner over every replica; 0 disables it
 * @param scanBytesPerSecond         read rate of the scanner (it must not starve clients); 0 for no limit
 * @param replicationBytesPerSecond  send rate of all re-replication copies together; 0 for no limit
 * @param replicationThreads         copies this server sends at once (the name server caps what it hands out)
 * @param compaction                 when containers of small replicas that are mostly deleted ones are compacted
 * @param parkedReplicaMillis        how long a replica whose pipeline broke waits for the writer's recovery
 *                                   before it is dropped
 */
public record HealingSettings(long scanIntervalMillis, long scanBytesPerSecond, long replicationBytesPerSecond,
                              int replicationThreads, CompactionSettings compaction, long parkedReplicaMillis) {

    public HealingSettings(long scanIntervalMillis, long scanBytesPerSecond, long replicationBytesPerSecond,
                           int replicationThreads) {
        this(scanIntervalMillis, scanBytesPerSecond, replicationBytesPerSecond, replicationThreads,
                CompactionSettings.defaults(), ReplicasInProgress.defaultParkedTimeoutMillis());
    }

    public HealingSettings {
        if (parkedReplicaMillis <= 0) {
            throw new IllegalArgumentException("a parked replica must wait some time for its recovery, not "
                    + parkedReplicaMillis + " ms");
        }
    }

    /** A full scan every 6 hours at 16 MiB/s, copies unthrottled, 8 at a time; compaction's defaults. */
    public static HealingSettings defaults() {
        return new HealingSettings(6 * 3600_000L, 16L << 20, 0, 8);
    }

    public HealingSettings withScan(long intervalMillis, long bytesPerSecond) {
        return new HealingSettings(intervalMillis, bytesPerSecond, replicationBytesPerSecond, replicationThreads,
                compaction, parkedReplicaMillis);
    }

    public HealingSettings withReplicationBandwidth(long bytesPerSecond) {
        return new HealingSettings(scanIntervalMillis, scanBytesPerSecond, bytesPerSecond, replicationThreads,
                compaction, parkedReplicaMillis);
    }

    public HealingSettings withCompaction(CompactionSettings c) {
        return new HealingSettings(scanIntervalMillis, scanBytesPerSecond, replicationBytesPerSecond,
                replicationThreads, c, parkedReplicaMillis);
    }

    public HealingSettings withParkedReplicaMillis(long millis) {
        return new HealingSettings(scanIntervalMillis, scanBytesPerSecond, replicationBytesPerSecond,
                replicationThreads, compaction, millis);
    }
}
