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

    /** An age past this (a day) is nonsense from a writer, taken as 0: the commit time. */
    static final long MAX_WRITE_AGE_NANOS = 86_400_000_000_000L;
    /** How far a writer's wall clock may be from the name server's for its own stamp to be kept. */
    static final long CLOCKS_AGREE_NANOS = 1_000_000_000L;

    /**
     * The mtime a commit gives a file: when the writer last wrote, as a local file system keeps it (not
     * the commit, which comes later, at close). The write is dated on this server's clock, {@code now -
     * ageNanos} (the age measured on the writer's monotonic clock), so a writer whose clock is off moves
     * the mtime all the same; when the writer's wall-clock stamp {@code lastWriteNanos} agrees with that
     * (within {@link #CLOCKS_AGREE_NANOS}) it is kept, so the mtime is exactly what the writer's mount
     * showed before the commit. Then bounded: never past {@code nowNanos}, and always at least 1 ns past
     * the previous mtime, so a change always moves it forward (a previous mtime in the future, from
     * {@code touch -d}, gives way to now). A negative or absurd age (over a day) counts as 0.
     */
    public static long mtimeAtCommit(long lastWriteNanos, long ageNanos, long previousMtimeNanos, long nowNanos) {
        long age = ageNanos < 0 || ageNanos > MAX_WRITE_AGE_NANOS ? 0 : ageNanos;
        long written = nowNanos - age;
        if (lastWriteNanos > 0 && Math.abs(lastWriteNanos - written) <= CLOCKS_AGREE_NANOS) {
            written = lastWriteNanos;
        }
        return Math.min(nowNanos, Math.max(written, previousMtimeNanos + 1));
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
