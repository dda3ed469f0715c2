package io.jdfs.name.namespace;

import java.time.Instant;

/** Wall-clock time in nanoseconds since the epoch, as stored in inodes. */
public final class Clock {
    private Clock() {
    }

    public static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
