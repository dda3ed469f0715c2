package io.jdfs.name.replication;

import io.jdfs.name.NameServerConfig;

/**
 * Settings of re-replication on the name server.
 *
 * @param maxStreamsPerServer copies a server takes part in at once (as source or target)
 * @param pendingTimeoutMillis a copy not reported by its target within this is given up and re-queued
 * @param scanIntervalMillis   how often every block is checked for under- and over-replication
 * @param tickMillis           how often the monitor schedules work and checks timeouts
 */
public record ReplicationConfig(int maxStreamsPerServer, long pendingTimeoutMillis, long scanIntervalMillis,
                                long tickMillis) {

    /** Derived from the liveness settings, so quick test clusters also heal quickly. */
    public static ReplicationConfig from(NameServerConfig c) {
        long hb = c.heartbeatIntervalMillis();
        return new ReplicationConfig(8, Math.max(5_000, 10 * hb), Math.max(1_000, 10 * hb), Math.max(50, hb / 3));
    }

    public ReplicationConfig withMaxStreams(int n) {
        return new ReplicationConfig(Math.max(1, n), pendingTimeoutMillis, scanIntervalMillis, tickMillis);
    }
}
