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

    /**
     * The mtime a commit gives a file: the writer's last write, as a local file system keeps it (not
     * the commit, which comes later, at close), bounded for sanity against the writer's clock: never
     * later than {@code nowNanos} (the commit), never earlier than the file's previous mtime (for a
     * new file its creation), unless that is itself in the future. 0 (an older client) is the commit time.
     */
    public static long mtimeAtCommit(long lastWriteNanos, long previousMtimeNanos, long nowNanos) {
        if (lastWriteNanos <= 0) {
            return nowNanos;
        }
        return Math.min(nowNanos, Math.max(lastWriteNanos, previousMtimeNanos));
    }

    /**
     * The ctime after a content change whose mtime is {@code mtimeNanos}: that time, but always forward
     * (at least 1 ns past the previous ctime), so every change shows in the ctime even when a writer's
     * clock is behind: mounts keep cached pages while a file's ctime stays (keep_cache).
     */
    public static long ctimeAfterChange(long previousCtimeNanos, long mtimeNanos) {
        return Math.max(mtimeNanos, previousCtimeNanos + 1);
    }
}
