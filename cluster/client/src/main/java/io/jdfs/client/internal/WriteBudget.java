package io.jdfs.client.internal;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory a writer may hold in packets: the writing thread takes a packet's bytes before handing
 * it to a {@link BlockWriter}, which gives them back when it frees the packet. A block writer keeps
 * its packets until the block is finished (a pipeline recovery sends the block again from its start),
 * so the bytes come back at the end of a block, not on each ack: the budget must hold one whole
 * block, and then bounds what the writer really holds.
 * <p>
 * {@link #heldBytes()} and {@link #peakBytes()} count the packets the block writers actually
 * reference (queued, in flight, or kept for a recovery), from the moment a packet is handed over
 * until its buffer is released.
 */
public final class WriteBudget {
    private final Semaphore permits;
    private final int limit;
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    public WriteBudget(long bytes) {
        if (bytes <= 0 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("write budget of " + bytes + " bytes");
        }
        this.limit = (int) bytes;
        this.permits = new Semaphore(limit);
    }

    /** The budget in bytes. */
    public int limit() {
        return limit;
    }

    /** Takes {@code n} bytes of the budget, waiting at most {@code timeout} for them. */
    public boolean tryAcquire(int n, long timeout, TimeUnit unit) throws InterruptedException {
        return permits.tryAcquire(n, timeout, unit);
    }

    /** Bytes of packets the block writers hold now. */
    public long heldBytes() {
        return held.get();
    }

    /** The most bytes of packets the block writers held at once. */
    public long peakBytes() {
        return peak.get();
    }

    /** A block writer took a packet of {@code n} bytes (already acquired by the writing thread). */
    void hold(int n) {
        long now = held.addAndGet(n);
        peak.accumulateAndGet(now, Math::max);
    }

    /** A block writer released packets of {@code n} bytes in all: their budget goes back. */
    void free(long n) {
        if (n > 0) {
            held.addAndGet(-n);
            permits.release((int) n);
        }
    }
}
