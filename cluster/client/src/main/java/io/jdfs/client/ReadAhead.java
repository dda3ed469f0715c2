package io.jdfs.client;

import io.jdfs.client.internal.BlockReader;
import io.jdfs.protocol.LocatedBlock;
import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * The segments of a sequential reader: the one it reads now and those fetched ahead of it (up to a
 * byte budget), several at once from different servers. A segment is up to {@link #SEGMENT} bytes and
 * never crosses a block. For one thread.
 */
final class ReadAhead {
    static final int SEGMENT = 4 << 20;

    /** The block that covers an offset of the file (asking the name server when not known yet). */
    interface Blocks {
        LocatedBlock at(long offset) throws IOException;
    }

    record Segment(long start, int length, CompletableFuture<ByteBuf> data) {
        long end() {
            return start + length;
        }

        boolean holds(long p) {
            return p >= start && p < end();
        }
    }

    private final Blocks blocks;
    private final BlockReader reader;
    private final long budgetBytes;
    private final ArrayDeque<Segment> ahead = new ArrayDeque<>();
    private Segment current;

    ReadAhead(Blocks blocks, BlockReader reader, long budgetBytes) {
        this.blocks = blocks;
        this.reader = reader;
        this.budgetBytes = budgetBytes;
    }

    /** Whether {@code p} is in the segment being read now. */
    boolean holds(long p) {
        Segment s = current;
        return s != null && s.holds(p);
    }

    /**
     * The segment holding {@code p} (bytes perhaps still arriving), reusing one fetched ahead when it
     * is there; segments before it are dropped and the window behind it is filled up to {@code length}.
     */
    Segment at(long p, long length) throws IOException {
        if (holds(p)) {
            return current;
        }
        releaseCurrent();
        while (!ahead.isEmpty() && !ahead.peekFirst().holds(p)) {
            release(ahead.pollFirst());
        }
        if (ahead.isEmpty()) {
            ahead.add(fetch(p));
        }
        current = ahead.pollFirst();
        fill(length);
        return current;
    }

    private void fill(long length) throws IOException {
        long next = ahead.isEmpty() ? current.end() : ahead.peekLast().end();
        long budget = budgetBytes;
        for (Segment s : ahead) {
            budget -= s.length();
        }
        while (budget > 0 && next < length) {
            Segment s = fetch(next);
            ahead.addLast(s);
            budget -= s.length();
            next = s.end();
        }
    }

    private Segment fetch(long p) throws IOException {
        LocatedBlock lb = blocks.at(p);
        long inBlock = p - lb.offset();
        long segStart = inBlock - inBlock % SEGMENT;
        int n = (int) Math.min(SEGMENT, lb.block().length() - segStart);
        return new Segment(lb.offset() + segStart, n, reader.read(lb, segStart, n));
    }

    /** Drops every segment (their buffers are freed once they arrive). */
    void clear() {
        releaseCurrent();
        while (!ahead.isEmpty()) {
            release(ahead.pollFirst());
        }
    }

    private void releaseCurrent() {
        if (current != null) {
            release(current);
            current = null;
        }
    }

    private static void release(Segment s) {
        s.data().whenComplete((buf, err) -> {
            if (buf != null) {
                buf.release();
            }
        });
    }
}
