package io.jdfs.name.replication;

import io.jdfs.name.events.EventLog;
import io.jdfs.protocol.ClusterEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What re-replication has done: totals for metrics, and the periodic report for the log and the event list. */
final class ReplicationStats {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationMonitor.class);
    private static final long REPORT_EVERY_NANOS = 5_000_000_000L;

    private final EventLog events;
    private long copiedBlocks;
    private long copiedBytes;
    private long excessRemoved;
    private long totalCopiedBlocks;
    private long totalCopiedBytes;
    private long lastReportNanos = System.nanoTime();

    ReplicationStats(EventLog events) {
        this.events = events;
    }

    void copied(long bytes) {
        copiedBlocks++;
        copiedBytes += bytes;
        totalCopiedBlocks++;
        totalCopiedBytes += bytes;
    }

    void excessRemoved(int replicas) {
        excessRemoved += replicas;
    }

    long totalCopiedBytes() {
        return totalCopiedBytes;
    }

    long totalCopiedBlocks() {
        return totalCopiedBlocks;
    }

    /** Logs and records what was done since the last report, every few seconds while busy and once when idle. */
    void report(long now, int queued, int inFlight) {
        boolean idle = queued == 0 && inFlight == 0;
        if ((copiedBlocks == 0 && excessRemoved == 0) || (!idle && now - lastReportNanos < REPORT_EVERY_NANOS)) {
            return;
        }
        String msg = String.format("re-replicated %d blocks (%d MiB), removed %d excess replicas; %d blocks queued, %d copies in progress",
                copiedBlocks, copiedBytes >> 20, excessRemoved, queued, inFlight);
        LOG.info(msg);
        if (copiedBlocks > 0) {
            events.add(ClusterEvent.Kind.BLOCKS_REPLICATED, "cluster", msg);
        }
        if (excessRemoved > 0) {
            events.add(ClusterEvent.Kind.EXCESS_REMOVED, "cluster", "removed " + excessRemoved + " excess replicas");
        }
        copiedBlocks = 0;
        copiedBytes = 0;
        excessRemoved = 0;
        lastReportNanos = now;
    }
}
