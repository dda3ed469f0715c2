package io.jdfs.data.transfer;

import java.util.ArrayDeque;

/**
 * Which packets of a pipeline write a server may acknowledge upstream: those stored here and acknowledged
 * by the next server (or not waited for there), in order. Touched by the transfer's I/O thread only.
 */
final class PacketAcks {
    /** Packets received and not acknowledged upstream yet, in order. */
    private final ArrayDeque<Long> unacked = new ArrayDeque<>();
    /** Packets forwarded (or held for the next server) whose ack from downstream has not come, in order. */
    private final ArrayDeque<Long> awaitingMirror = new ArrayDeque<>();
    /** Seqno up to which packets are stored here. */
    private long storedUpTo = -1;
    /** Servers from the next one down that stored the packets acknowledged by it (0: no next server). */
    private int mirrorStoredBy;

    /** A packet arrived; {@code forwarded}: it went (or waits to go) to the next server, whose ack it needs. */
    void received(long seqno, boolean forwarded) {
        unacked.add(seqno);
        if (forwarded) {
            awaitingMirror.add(seqno);
        }
    }

    void stored(long seqno) {
        storedUpTo = Math.max(storedUpTo, seqno);
    }

    /**
     * The next server acknowledged {@code seqno}, stored by {@code storedBy} servers from it down (0: it
     * does not say); false when that is not the packet it owed.
     */
    boolean mirrored(long seqno, int storedBy) {
        Long expected = awaitingMirror.poll();
        mirrorStoredBy = storedBy; // acks come in order; a later one never claims more than an earlier
        return expected != null && expected == seqno;
    }

    /** No next server any more: nothing waits for its acks, and packets from now on are stored here only. */
    void withoutMirror() {
        awaitingMirror.clear();
        mirrorStoredBy = 0;
    }

    /** How many servers, this one and those below it, stored what is acknowledged now (at least this one). */
    int storedBy() {
        return 1 + mirrorStoredBy;
    }

    boolean mirrorOwesAcks() {
        return !awaitingMirror.isEmpty();
    }

    boolean allAcknowledged() {
        return unacked.isEmpty();
    }

    /** The next packet that may be acknowledged now (taken off), or -1. */
    long nextAckable() {
        if (unacked.isEmpty()) {
            return -1;
        }
        long s = unacked.peek();
        if (s > storedUpTo || !awaitingMirror.isEmpty() && awaitingMirror.peek() <= s) {
            return -1;
        }
        return unacked.poll();
    }
}
