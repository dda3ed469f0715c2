package io.jdfs.client.internal;

import io.jdfs.protocol.Ack;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.ChecksumException;
import io.jdfs.protocol.DataPacket;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.Errors;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.Message;
import io.jdfs.protocol.MessageFrame;
import io.jdfs.protocol.ProtocolException;
import io.jdfs.protocol.UnavailableException;
import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.zip.CRC32C;

/**
 * Streams one block down its pipeline. The writing thread queues checksummed packets; the connection's
 * event loop sends them while fewer than {@link #WINDOW} are unacknowledged and releases each on its
 * ack. {@link #done()} completes with the block's final length when the last packet is acknowledged,
 * which means every server of the pipeline has finalized its replica.
 */
public final class BlockWriter implements DataChannel.Listener, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(BlockWriter.class);
    static final int WINDOW = 64;
    private static final long REQUEST = 1;

    private final LocatedBlock located;
    private final DataConnections pool;
    private final Semaphore budget;
    private final String clientId;
    private final CompletableFuture<Block> done = new CompletableFuture<>();
    private final ConcurrentLinkedQueue<DataPacket> queued = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<DataPacket> unacked = new ArrayDeque<>();
    private final CRC32C crc = new CRC32C();
    private volatile DataChannel channel;
    private boolean ready;
    private long seqno;
    private volatile long length;

    public BlockWriter(LocatedBlock located, DataConnections pool, Semaphore budget, String clientId) {
        this.located = located;
        this.pool = pool;
        this.budget = budget;
        this.clientId = clientId;
    }

    public CompletableFuture<Block> done() {
        return done;
    }

    public Block block() {
        return located.block();
    }

    public long length() {
        return length;
    }

    public void start() {
        connect(0);
    }

    /** Connects to the first reachable server of the pipeline; the rest become its downstream. */
    private void connect(int head) {
        List<DataServerRef> targets = located.locations();
        if (head >= targets.size()) {
            fail(new UnavailableException("no data server of the pipeline " + targets + " for block "
                    + located.block().id() + " is reachable"));
            return;
        }
        pool.acquire(targets.get(head)).whenComplete((dc, err) -> {
            if (err != null) {
                LOG.warn("cannot reach data server {} for block {}: {}", targets.get(head).address(),
                        located.block().id(), Errors.unwrap(err).getMessage());
                connect(head + 1);
                return;
            }
            channel = dc;
            dc.listen(this);
            dc.channel().writeAndFlush(new MessageFrame(REQUEST, new Message.WriteBlock(located.block(),
                    targets.subList(head + 1, targets.size()), clientId)));
        });
    }

    /** Queues a packet (called by the writing thread, which already holds {@code data.readableBytes()} of budget). */
    public void enqueue(ByteBuf data, boolean last) {
        crc.reset();
        crc.update(data.nioBuffer());
        queued.add(new DataPacket(REQUEST, seqno++, length, last, (int) crc.getValue(), data));
        length += data.readableBytes();
        if (done.isDone()) {
            drainFailed();
            return;
        }
        DataChannel dc = channel;
        if (dc != null) {
            dc.channel().eventLoop().execute(this);
        }
    }

    @Override
    public void run() {
        drain();
    }

    private void drain() {
        if (!ready || done.isDone()) {
            return;
        }
        DataChannel dc = channel;
        boolean wrote = false;
        DataPacket p;
        while (unacked.size() < WINDOW && dc.channel().isWritable() && (p = queued.poll()) != null) {
            unacked.add(p);
            dc.channel().write(p.retain());
            wrote = true;
        }
        if (wrote) {
            dc.channel().flush();
        }
    }

    @Override
    public void onFrame(Object frame) {
        try {
            if (frame instanceof Ack a) {
                onAck(a);
            } else if (frame instanceof MessageFrame f) {
                if (f.message() instanceof Message.WriteReady) {
                    ready = true;
                    drain();
                } else if (f.message() instanceof Message.ErrorReply e) {
                    fail(DfsException.of(e.code(), channel.address() + ": " + e.message()));
                } else {
                    fail(new ProtocolException(channel.address() + " sent " + f.message().getClass().getSimpleName()
                            + " during a write"));
                }
            } else {
                fail(new ProtocolException(channel.address() + " sent data during a write"));
            }
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    private void onAck(Ack a) {
        if (a.status() != Ack.Status.OK) {
            fail(a.status() == Ack.Status.CHECKSUM_ERROR
                    ? new ChecksumException("the pipeline of block " + located.block().id() + " saw corrupt data")
                    : new UnavailableException("the pipeline of block " + located.block().id() + " failed: " + a.status()));
            return;
        }
        DataPacket head = unacked.poll();
        if (head == null || head.seqno() != a.seqno()) {
            fail(new ProtocolException("unexpected ack " + a.seqno() + " for block " + located.block().id()));
            if (head != null) {
                head.release();
            }
            return;
        }
        budget.release(head.length());
        boolean last = head.last();
        head.release();
        if (last) {
            DataChannel dc = channel;
            done.complete(new Block(located.block().id(), located.block().generation(), length));
            pool.release(dc);
        } else {
            drain();
        }
    }

    @Override
    public void onClosed(Throwable cause) {
        fail(cause);
    }

    /** Stops the transfer; a replica the pipeline had not finalized is discarded by the servers. */
    public void abort(Throwable t) {
        fail(t);
    }

    private void fail(Throwable t) {
        if (!done.completeExceptionally(t)) {
            return;
        }
        DataChannel dc = channel;
        if (dc != null) {
            dc.listen(null);
            dc.channel().close();
            dc.channel().eventLoop().execute(() -> {
                for (DataPacket p; (p = unacked.poll()) != null; ) {
                    budget.release(p.length());
                    p.release();
                }
            });
        }
        drainFailed();
    }

    private void drainFailed() {
        for (DataPacket p; (p = queued.poll()) != null; ) {
            budget.release(p.length());
            p.release();
        }
    }
}
