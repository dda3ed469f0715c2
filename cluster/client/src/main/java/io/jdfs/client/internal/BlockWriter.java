package io.jdfs.client.internal;

import io.jdfs.rpc.DataChannel;
import io.jdfs.rpc.DataConnections;
import io.jdfs.rpc.Ack;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.ChecksumException;
import io.jdfs.rpc.Checksums;
import io.jdfs.rpc.DataPacket;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.Errors;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.TransferRequest;
import io.jdfs.rpc.MessageFrame;
import io.jdfs.protocol.ProtocolException;
import io.jdfs.protocol.UnavailableException;
import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Streams one block down its pipeline. The writing thread queues checksummed packets; the connection's
 * event loop sends them while fewer than {@link #WINDOW} are unacknowledged. {@link #done()} completes
 * with the block's final length when the last packet is acknowledged, which means every server of the
 * pipeline has finalized its replica.
 * <p>
 * A packet is kept until the whole pipeline acknowledged it, then released and its bytes given back to
 * the {@link WriteBudget}. When the head of the pipeline fails (a server further down is dropped by the
 * head itself), the writer asks the name server for a new generation stamp: with bytes acknowledged, the
 * servers that did not fail resume at the acknowledged length and only the unacknowledged packets go
 * again; with none, a fresh pipeline gets the block from its start. Up to {@link #MAX_RECOVERIES} times.
 * State is guarded by this object's lock; frames of an abandoned pipeline are ignored.
 */
public final class BlockWriter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(BlockWriter.class);
    static final int WINDOW = 64;
    static final int MAX_RECOVERIES = 3;
    private static final long REQUEST = 1;

    private final DataConnections pool;
    private final WriteBudget budget;
    private final String clientId;
    private final PipelineRecovery recovery;
    private final CompletableFuture<Block> done = new CompletableFuture<>();
    private final PacketWindow window = new PacketWindow(WINDOW);
    /** The generation the block had when this writer started: replicas from it on may be resumed. */
    private final long startGeneration;
    private final List<String> failed = new ArrayList<>();
    private volatile LocatedBlock located;
    private DataChannel channel;
    private int head;
    private boolean ready;
    /** Bytes the whole pipeline acknowledged: where a recovery resumes. */
    private long ackedBytes;
    /** Where the current pipeline's servers start (0, or the acknowledged length at its recovery). */
    private long resumeOffset;
    private int recoveries;
    /** Set (under the lock) when the block is finished or failed, before {@link #done} completes. */
    private boolean over;
    private long seqno;
    private volatile long length;
    private volatile List<String> storedOn = List.of();
    /** {@link #start} was called / the first connect was made (writing thread only). */
    private boolean started, connecting;

    public BlockWriter(LocatedBlock located, DataConnections pool, WriteBudget budget, String clientId,
                       PipelineRecovery recovery) {
        this.located = located;
        this.pool = pool;
        this.budget = budget;
        this.clientId = clientId;
        this.recovery = recovery;
        this.startGeneration = located.block().generation();
    }

    public CompletableFuture<Block> done() {
        return done;
    }

    public Block block() {
        return located.block();
    }

    /** The token that lets this writer write (and read back) its block, from its latest allocation. */
    public io.jdfs.protocol.BlockToken token() {
        return located.token();
    }

    /** The servers the block is being written to (changes when the pipeline is rebuilt). */
    public List<DataServerRef> pipeline() {
        return located.locations();
    }

    public long length() {
        return length;
    }

    /** The servers that acknowledged the finished block as durably stored (empty: not said); set before {@link #done()}. */
    public List<String> storedOn() {
        return storedOn;
    }

    /** Waits until the block is written; the failure says which block of which file. */
    public Block await(String path) throws java.io.IOException {
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing " + path);
        } catch (java.util.concurrent.ExecutionException e) {
            java.io.IOException io = Errors.asIOException(e);
            throw new java.io.IOException("writing block " + block().id() + " of " + path + " failed: "
                    + io.getMessage(), io);
        }
    }

    /** Starts the write: the pipeline is reached with the first packet queued, which leaves with the request. */
    public void start() {
        started = true;
        if (window.hasQueued()) {
            connectOnce();
        }
    }

    private void connectOnce() {
        if (!connecting) {
            connecting = true;
            connect(0);
        }
    }

    /** Connects to the first reachable server of the pipeline; the rest become its downstream. */
    private void connect(int h) {
        LocatedBlock lb = located;
        List<DataServerRef> targets = lb.locations();
        if (h >= targets.size()) {
            List<String> ids = new ArrayList<>();
            targets.forEach(t -> ids.add(t.id()));
            pipelineFailed(null, new UnavailableException("no data server of the pipeline " + targets + " for block "
                    + lb.block().id() + " is reachable"), ids);
            return;
        }
        pool.acquire(targets.get(h)).whenComplete((dc, err) -> {
            if (err != null) {
                LOG.warn("cannot reach data server {} for block {}: {}", targets.get(h).address(), lb.block().id(),
                        Errors.unwrap(err).getMessage());
                connect(h + 1);
                return;
            }
            synchronized (this) {
                if (over || located != lb) {
                    pool.release(dc);
                    return;
                }
                channel = dc;
                head = h;
                ready = false;
                dc.listen(new PipelineAttempt(this, dc));
            }
            long from;
            synchronized (this) {
                from = resumeOffset;
            }
            MessageFrame request = new MessageFrame(REQUEST, new TransferRequest.WriteBlock(lb.block(),
                    targets.subList(h + 1, targets.size()), clientId, lb.token(), from, from > 0 ? startGeneration : 0, true));
            // no wait for WriteReady: packets follow the request on the same connection, in the same
            // flush, and a refusal still arrives (as an error reply) before any of their acks
            Runnable send = () -> {
                dc.channel().write(request);
                synchronized (this) {
                    if (channel == dc) {
                        ready = true;
                    }
                }
                drain();
                dc.channel().flush();
            };
            dc.channel().eventLoop().execute(send);
        });
    }

    /** Queues a packet (called by the writing thread, which already holds {@code data.readableBytes()} of budget). */
    public void enqueue(ByteBuf data, boolean last) {
        int n = data.readableBytes();
        budget.hold(n); // before it is queued: a failure may free it at once
        window.queue(new DataPacket(REQUEST, seqno++, length, last, Checksums.compute(data), data));
        length += n;
        if (done.isDone()) {
            drainFailed();
            return;
        }
        if (started && !connecting) {
            connectOnce(); // sends this packet with the request
            return;
        }
        DataChannel dc;
        synchronized (this) {
            dc = channel;
        }
        if (dc != null) {
            dc.channel().eventLoop().execute(this);
        }
    }

    @Override
    public void run() {
        drain();
    }

    synchronized void drain() {
        if (!ready || over || channel == null) {
            return;
        }
        io.netty.channel.Channel ch = channel.channel();
        boolean wrote = false;
        for (DataPacket p; ch.isWritable() && (p = window.nextToSend()) != null; ) {
            ch.write(p.forward(REQUEST));
            wrote = true;
        }
        if (wrote) {
            ch.flush();
        }
    }

    synchronized void onFrame(DataChannel dc, Object frame) {
        try {
            if (dc != channel || over) {
                return;
            }
            String from = dc.address();
            if (frame instanceof Ack a) {
                onAck(dc, a);
            } else if (frame instanceof MessageFrame f) {
                if (f.message() instanceof Reply.WriteReady) {
                    // the pipeline is set up; packets are already flowing
                    drain();
                } else if (f.message() instanceof Reply.ErrorReply e) {
                    pipelineFailed(dc, DfsException.of(e.code(), from + ": " + e.message()), headId());
                } else {
                    pipelineFailed(dc, new ProtocolException(from + " sent " + f.message().getClass().getSimpleName()
                            + " during a write"), headId());
                }
            } else {
                pipelineFailed(dc, new ProtocolException(from + " sent data during a write"), headId());
            }
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    private void onAck(DataChannel dc, Ack a) {
        if (a.status() == Ack.Status.DOWNSTREAM_ERROR) {
            List<DataServerRef> targets = located.locations();
            int i = head + a.failedIndex();
            List<String> lost = a.failedIndex() > 0 && i < targets.size() ? List.of(targets.get(i).id()) : headId();
            pipelineFailed(dc, new UnavailableException("server " + lost + " of the pipeline of block "
                    + located.block().id() + " failed"), lost);
            return;
        }
        if (a.status() != Ack.Status.OK) {
            pipelineFailed(dc, a.status() == Ack.Status.CHECKSUM_ERROR
                    ? new ChecksumException("the pipeline of block " + located.block().id() + " saw corrupt data")
                    : new UnavailableException("the pipeline of block " + located.block().id() + " failed: " + a.status()),
                    headId());
            return;
        }
        // every server of the pipeline holds it: a recovery resumes after it, so it is not kept
        DataPacket p = window.acknowledged(a.seqno());
        if (p == null) {
            pipelineFailed(dc, new ProtocolException("unexpected ack " + a.seqno() + " for block "
                    + located.block().id()), headId());
            return;
        }
        int n = p.length();
        boolean last = p.last();
        p.release();
        ackedBytes += n;
        budget.free(n);
        if (last) {
            over = true;
            releasePackets();
            channel = null;
            pool.release(dc);
            storedOn = PipelineAttempt.storedOn(located.locations(), head, a.storedBy());
            done.complete(new Block(located.block().id(), located.block().generation(), length));
        } else {
            drain();
        }
    }

    private List<String> headId() {
        return List.of(located.locations().get(head).id());
    }

    /**
     * The pipeline through {@code dc} is lost: rebuild it without {@code failedServers} (null: its head)
     * and send what was not acknowledged again, or give up after {@link #MAX_RECOVERIES} attempts.
     */
    void pipelineFailed(DataChannel dc, Throwable cause, List<String> failedServers) {
        Block block;
        List<String> exclude;
        List<String> pipeline = new ArrayList<>();
        long acked;
        synchronized (this) {
            if (over || dc != channel) {
                return;
            }
            channel = null;
            ready = false;
            if (dc != null) {
                dc.listen(null);
                dc.channel().close();
            }
            if (recovery == null || recoveries >= MAX_RECOVERIES) {
                fail(cause, false);
                return;
            }
            recoveries++;
            failed.addAll(failedServers == null ? headId() : failedServers);
            exclude = List.copyOf(failed);
            block = located.block();
            located.locations().forEach(l -> pipeline.add(l.id()));
            acked = ackedBytes;
        }
        LOG.warn("pipeline of block {} failed ({}) after {} acknowledged bytes; rebuilding it without {}", block.id(),
                cause.getMessage(), acked, exclude);
        recovery.recover(block, exclude, acked, pipeline).whenComplete((lb, err) -> {
            if (err != null) {
                fail(new UnavailableException("the pipeline of block " + block.id() + " failed (" + cause.getMessage()
                        + ") and could not be rebuilt: " + Errors.unwrap(err).getMessage(), Errors.unwrap(err)), false);
                return;
            }
            // replacements first get the acknowledged prefix from a survivor; without it they are left out
            PrefixCopy.fillReplacements(pool, lb, pipeline, acked, startGeneration, clientId)
                    .thenAccept(resumed -> continueWith(resumed, acked));
        });
    }

    /** The rebuilt pipeline {@code lb} resumes at {@code acked}: the packets not acknowledged go to it. */
    private void continueWith(LocatedBlock lb, long acked) {
        synchronized (this) {
            if (over) {
                return;
            }
            located = lb;
            budget.recovered(acked, window.resendUnacknowledged());
            resumeOffset = acked;
        }
        LOG.info("block {} continues as generation {} on {} from offset {}", lb.block().id(), lb.block().generation(),
                lb.locations(), acked);
        connect(0);
    }

    /** Gives the block up: the servers drop a replica they had not finalized at once (AbortWrite). */
    public void abort(Throwable t) {
        fail(t, true);
    }

    /** Ends the write; {@code givenUp}: the servers drop their replicas now, else they park them (connection lost). */
    public void fail(Throwable t, boolean givenUp) {
        DataChannel dc;
        synchronized (this) {
            if (over) {
                return;
            }
            over = true;
            dc = channel;
            channel = null;
            releasePackets();
        }
        if (dc != null) {
            dc.listen(null);
            if (givenUp) {
                dc.channel().writeAndFlush(new MessageFrame(REQUEST, new TransferRequest.AbortWrite()));
            }
            dc.channel().close();
        }
        drainFailed(); // every packet goes back before a waiter hears of the failure
        done.completeExceptionally(t);
        drainFailed(); // and one a racing enqueue added meanwhile (once done, enqueue drains itself)
    }

    private void releasePackets() {
        budget.free(window.releaseTaken());
    }

    private void drainFailed() {
        budget.free(window.releaseQueued());
    }
}
