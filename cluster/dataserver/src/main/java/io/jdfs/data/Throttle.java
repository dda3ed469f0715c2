package io.jdfs.data;

/** Limits a byte rate: callers sleep when they get ahead of it. Shared by threads; 0 means no limit. */
public final class Throttle {
    private final long bytesPerSecond;
    private final long startNanos = System.nanoTime();
    private long bytes;

    public Throttle(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    public void acquire(long n) throws InterruptedException {
        if (bytesPerSecond <= 0) {
            return;
        }
        long waitNanos;
        synchronized (this) {
            bytes += n;
            long dueNanos = startNanos + (long) (bytes * 1e9 / bytesPerSecond);
            waitNanos = dueNanos - System.nanoTime();
        }
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }
}
