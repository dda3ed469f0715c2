package io.jdfs.name.servers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bytes the data servers read and wrote, cluster-wide, from the running totals in their heartbeats.
 * Only growth is added, so the sums never go down (a counter, for Prometheus) when a server restarts
 * and starts counting from 0 again.
 */
public final class ClusterTraffic {
    private record Last(long read, long written) {
    }

    private final Map<String, Last> last = new ConcurrentHashMap<>();
    private final LongAdder read = new LongAdder();
    private final LongAdder written = new LongAdder();

    /** Adds what server {@code id} did since its previous heartbeat. */
    public void report(String id, long totalRead, long totalWritten) {
        Last prev = last.put(id, new Last(totalRead, totalWritten));
        read.add(growth(prev == null ? 0 : prev.read, totalRead));
        written.add(growth(prev == null ? 0 : prev.written, totalWritten));
    }

    /** The increase from {@code before} to {@code now}; a smaller {@code now} is a restarted counter. */
    private static long growth(long before, long now) {
        return now >= before ? now - before : Math.max(0, now);
    }

    public long bytesRead() {
        return read.sum();
    }

    public long bytesWritten() {
        return written.sum();
    }
}
