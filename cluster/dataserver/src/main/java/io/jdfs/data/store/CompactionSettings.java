package io.jdfs.data.store;

/**
 * When and how fast sealed containers are compacted ({@link ContainerCompactor}).
 *
 * @param garbageRatio   a sealed container is compacted once this share of its record bytes is deleted replicas
 *                       (0.5: half); above 1 never
 * @param bytesPerSecond copy rate of compaction (it must not starve clients); 0 for no limit
 * @param intervalMillis pause between two looks for containers to compact; 0 turns compaction off
 * @param graceMillis    how long a compacted container's file stays after its replicas moved, for reads that
 *                       looked up the old place just before the switch and open the file just after
 */
public record CompactionSettings(double garbageRatio, long bytesPerSecond, long intervalMillis, long graceMillis) {
    public CompactionSettings {
        if (!(garbageRatio > 0) || bytesPerSecond < 0 || intervalMillis < 0 || graceMillis < 0) {
            throw new IllegalArgumentException("invalid compaction settings: ratio " + garbageRatio + ", rate "
                    + bytesPerSecond + ", interval " + intervalMillis + ", grace " + graceMillis);
        }
    }

    /** Half dead, at 32 MiB/s, looked at every minute, old files kept 30 s. */
    public static CompactionSettings defaults() {
        return new CompactionSettings(0.5, 32L << 20, 60_000, 30_000);
    }

    public CompactionSettings withGarbageRatio(double ratio) {
        return new CompactionSettings(ratio, bytesPerSecond, intervalMillis, graceMillis);
    }

    public CompactionSettings withRate(long bytesPerSec) {
        return new CompactionSettings(garbageRatio, bytesPerSec, intervalMillis, graceMillis);
    }

    public CompactionSettings withInterval(long millis) {
        return new CompactionSettings(garbageRatio, bytesPerSecond, millis, graceMillis);
    }

    public CompactionSettings withGrace(long millis) {
        return new CompactionSettings(garbageRatio, bytesPerSecond, intervalMillis, millis);
    }
}
