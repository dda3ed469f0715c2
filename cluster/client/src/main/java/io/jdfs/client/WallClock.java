package io.jdfs.client;

import java.time.Instant;

/** Wall-clock nanoseconds since the epoch: when a writer last wrote, sent at commit to become the mtime. */
final class WallClock {
    private WallClock() {
    }

    static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
