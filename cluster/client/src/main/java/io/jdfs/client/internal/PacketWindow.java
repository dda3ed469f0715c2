package io.jdfs.client.internal;

import io.jdfs.rpc.DataPacket;

import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The packets of one block writer: queued by the writing thread, then sent (at most {@link #size} at a
 * time unacknowledged) and kept until the whole pipeline acknowledges them, in order. After a pipeline
 * recovery the sent and unacknowledged ones go out again. Queuing is thread-safe; everything else runs
 * under the writer's lock.
 */
final class PacketWindow {
    private final int size;
    private final ConcurrentLinkedQueue<DataPacket> queued = new ConcurrentLinkedQueue<>();
    /** The packets taken from the queue and not yet acknowledged by the whole pipeline, in order. */
    private final ArrayList<DataPacket> packets = new ArrayList<>();
    /** Packets at the front of {@link #packets} sent down the current pipeline. */
    private int sent;

    PacketWindow(int size) {
        this.size = size;
    }

    void queue(DataPacket p) {
        queued.add(p);
    }

    boolean hasQueued() {
        return !queued.isEmpty();
    }

    /** The next packet to send, now counted as sent; null when the window is full or nothing is queued. */
    DataPacket nextToSend() {
        if (sent >= size) {
            return null;
        }
        if (sent == packets.size()) {
            DataPacket p = queued.poll();
            if (p == null) {
                return null;
            }
            packets.add(p);
        }
        return packets.get(sent++);
    }

    /**
     * The oldest sent packet, acknowledged as {@code seqno}, leaves the window (the caller releases it);
     * null when nothing is in flight or the ack is not for it.
     */
    DataPacket acknowledged(long seqno) {
        if (sent == 0 || packets.get(0).seqno() != seqno) {
            return null;
        }
        sent--;
        return packets.remove(0);
    }

    /** A new pipeline takes over: what was sent and not acknowledged goes again; returns its bytes. */
    long resendUnacknowledged() {
        long bytes = 0;
        for (int i = 0; i < sent; i++) {
            bytes += packets.get(i).length();
        }
        sent = 0;
        return bytes;
    }

    /** Releases every packet taken from the queue; returns their bytes. */
    long releaseTaken() {
        long bytes = 0;
        for (DataPacket p : packets) {
            bytes += p.length();
            p.release();
        }
        packets.clear();
        packets.trimToSize(); // a finished writer may be kept a while (FileBlocks): not its block's worth of slots
        sent = 0;
        return bytes;
    }

    /** Releases every packet still queued (the writer failed); returns their bytes. */
    long releaseQueued() {
        long bytes = 0;
        for (DataPacket p; (p = queued.poll()) != null; ) {
            bytes += p.length();
            p.release();
        }
        return bytes;
    }
}
