package io.jdfs.client;

import java.time.Instant;

/**
 * When a writer last wrote, sent at commit to become the file's mtime: its age on the monotonic clock
 * (which the name server subtracts from its own clock, so a writer whose wall clock is off still dates
 * the change right), and its wall-clock time (what a mount shows before the commit, and what the name
 * server keeps when the two clocks agree). Not thread-safe: its writer serialises calls.
 */
final class LastWrite {
    private long monotonicNanos;
    private long wallNanos;

    /** A write (or truncate) happens now. */
    void stamp() {
        monotonicNanos = System.nanoTime();
        Instant now = Instant.now();
        wallNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Wall-clock nanoseconds since the epoch of the last write; 0: none. */
    long wallNanos() {
        return wallNanos;
    }

    /** How long ago the last write was, now (at least 1 ns once written: 0 means none, the commit time). */
    long ageNanos() {
        return wallNanos == 0 ? 0 : Math.max(1, System.nanoTime() - monotonicNanos);
    }
}
