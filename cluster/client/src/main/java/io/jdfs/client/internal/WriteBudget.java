package io.jdfs.client.internal;

import io.jdfs.protocol.Protocol;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory a writer may hold in packets: the writing thread takes a packet's bytes before handing
 * it to a {@link BlockWriter}, which gives them back when the whole pipeline acknowledged the packet
 * (a pipeline recovery resumes at the acknowledged length on the servers that did not fail, so only
 * unacknowledged packets are kept). The budget therefore bounds the packets queued and in flight, not
 * blocks: it needs no room for a whole block.
 * <p>
 * {@link #heldBytes()} and {@link #peakBytes()} count the packets the block writers actually
 * reference (queued, in flight, or kept for a recovery), from the moment a packet is handed over
 * until its buffer is released. {@link #recoveries()}, {@link #resumedBytes()} and
 * {@link #resentBytes()} say what pipeline recoveries of this writer's blocks cost.
 */
public final class WriteBudget {
    private final Semaphore permits;
    private final int limit;
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong recoveries = new AtomicLong();
    private final AtomicLong resumed = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();

    /**
     * The budget of a stream: {@code blocksInFlight} blocks' worth, at most {@code most} bytes, at least
     * four packets (a writer gives a packet back on its ack, so no whole block needs to fit).
     */
    public static long bytesFor(long blockSize, int blocksInFlight, long most) {
        long wanted = Math.max(Protocol.PACKET_SIZE * 4L, blockSize * Math.max(1, blocksInFlight));
        return Math.min(Integer.MAX_VALUE, Math.max(Protocol.PACKET_SIZE, Math.min(most, wanted)));
    }

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

    /** A pipeline was rebuilt: {@code resumedAt} bytes were kept by the servers, {@code again} are sent again. */
    void recovered(long resumedAt, long again) {
        recoveries.incrementAndGet();
        resumed.addAndGet(resumedAt);
        resent.addAndGet(again);
    }

    /** Pipeline recoveries of the block writers. */
    public long recoveries() {
        return recoveries.get();
    }

    /** Bytes the recoveries did not send again: the acknowledged lengths they resumed at. */
    public long resumedBytes() {
        return resumed.get();
    }

    /** Bytes of packets sent again after a recovery (sent before it, not yet acknowledged). */
    public long resentBytes() {
        return resent.get();
    }
}
