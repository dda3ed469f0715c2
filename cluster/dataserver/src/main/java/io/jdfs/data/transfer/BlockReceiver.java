package io.jdfs.data.transfer;

import io.jdfs.data.metrics.DataServerMetrics;
import io.jdfs.data.store.Replica;
import io.jdfs.data.store.ReplicaWriter;
import io.jdfs.rpc.Ack;
import io.jdfs.rpc.Checksums;
import io.jdfs.rpc.DataChannel;
import io.jdfs.rpc.DataPacket;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.Errors;
import io.jdfs.protocol.Message;
import io.jdfs.rpc.MessageFrame;
import io.jdfs.protocol.Protocol;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One replica arriving down a write pipeline: verify each packet's checksum, store it, forward it to
 * the next server, and acknowledge upstream once it is stored here and acknowledged downstream.
 * A downstream server that fails while a client's replica is written stops the write with a
 * DOWNSTREAM_ERROR ack naming it; the client then recovers the pipeline with the servers left. Runs on the connection's executor: no locks needed. A write that
 * {@linkplain Message.WriteBlock#resumes() resumes} continues the replica a broken pipeline left here.
 */
final class BlockReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(BlockReceiver.class);
    private static final long MIRROR_REQUEST = 1;

    private final ChannelHandlerContext upstream;
    private final long requestId;
    private final Message.WriteBlock request;
    private final TransferContext context;
    private final ReplicaWriter writer;
    private final ArrayDeque<Long> awaitingMirror = new ArrayDeque<>();
    private final Runnable onClose;
    private DataChannel mirror;
    /** The next server is being reached: packets wait here (already stored locally) until it is. */
    private boolean mirrorPending;
    private final ArrayDeque<DataPacket> held = new ArrayDeque<>();
    private boolean readySent;
    private boolean finished;
    private boolean closed;
    private final long startNanos = System.nanoTime();
    private final DataServerMetrics.Source source;

    BlockReceiver(ChannelHandlerContext upstream, long requestId, Message.WriteBlock request, TransferContext context,
                  Runnable onClose) throws IOException {
        this.onClose = onClose;
        this.upstream = upstream;
        this.requestId = requestId;
        this.request = request;
        this.context = context;
        this.writer = request.resumes()
                ? context.store().inProgress().resume(request.block(), request.fromGeneration(), request.offset())
                : context.store().create(request.block());
        this.source = request.clientId() != null && request.clientId().startsWith(BlockReplicator.CLIENT_PREFIX)
                ? DataServerMetrics.Source.REPLICATION : DataServerMetrics.Source.CLIENT;
        context.activeTransfers().incrementAndGet();
    }

    void start() {
        List<DataServerRef> downstream = request.downstream() == null ? List.of() : request.downstream();
        if (downstream.isEmpty()) {
            ready();
            return;
        }
        DataServerRef next = downstream.get(0);
        mirrorPending = true;
        context.mirrors().acquire(next).whenComplete((ch, err) -> onUpstream(() -> {
                    mirrorPending = false;
                    if (err != null) {
                        LOG.warn("pipeline of {}: cannot reach {} ({}); continuing without it", request.block(),
                                next.address(), Errors.unwrap(err).getMessage());
                        dropHeld();
                        ready();
                        return;
                    }
                    if (closed) {
                        dropHeld();
                        ch.channel().close();
                        return;
                    }
                    mirror = ch;
                    ch.listen(new MirrorListener());
                    ch.channel().write(new MessageFrame(MIRROR_REQUEST, new Message.WriteBlock(request.block(),
                            downstream.subList(1, downstream.size()), request.clientId(), request.token(),
                            request.offset(), request.fromGeneration())));
                    // senders do not wait for WriteReady: what arrived meanwhile follows the request at once
                    for (DataPacket h; (h = held.poll()) != null; ) {
                        ch.channel().write(h);
                    }
                    ch.channel().flush();
                }));
    }

    private void ready() {
        if (!closed && !readySent) {
            readySent = true;
            upstream.writeAndFlush(new MessageFrame(requestId, new Message.WriteReady()));
        }
    }

    void onPacket(DataPacket p) {
        try {
            if (closed) {
                return;
            }
            if (finished) {
                fail(Ack.Status.IO_ERROR, "packet after the last one");
                return;
            }
            int bad = Checksums.firstMismatch(p.data(), p.crcs());
            if (bad >= 0) {
                LOG.warn("checksum mismatch in block {} at offset {} from {}", request.block().id(),
                        p.offset() + (long) bad * Protocol.CHUNK_SIZE, upstream.channel().remoteAddress());
                fail(Ack.Status.CHECKSUM_ERROR, "checksum mismatch at offset " + p.offset());
                return;
            }
            int bytes = p.data().readableBytes();
            writer.write(p.offset(), p.data(), p.crcs());
            context.metrics().written(source, bytes);
            // forward before finalizing, so the servers of the pipeline sync their replicas at once
            if (mirror != null) {
                awaitingMirror.add(p.seqno());
                mirror.channel().writeAndFlush(p.forward(MIRROR_REQUEST));
            } else if (mirrorPending) {
                awaitingMirror.add(p.seqno());
                held.add(p.forward(MIRROR_REQUEST));
            }
            if (p.last()) {
                Replica r = writer.finish();
                finished = true;
                context.onFinalized().accept(r.block());
                LOG.debug("received {} from {}", r.block(), upstream.channel().remoteAddress());
            }
            if (mirror == null && !mirrorPending) {
                ack(p.seqno());
            }
        } catch (IOException e) {
            LOG.warn("write of block {} failed: {}", request.block().id(), e.getMessage());
            fail(Ack.Status.IO_ERROR, e.getMessage());
        } finally {
            p.release();
        }
    }

    private void ack(long seqno) {
        upstream.writeAndFlush(Ack.ok(requestId, seqno));
        if (finished && awaitingMirror.isEmpty()) {
            close();
        }
    }

    private void onMirrorAck(Ack a) {
        if (closed) {
            return;
        }
        if (a.status() != Ack.Status.OK) {
            // a server further down failed: name it to the writer relative to this server
            mirrorLost("it answered " + a.status(), a.status() == Ack.Status.DOWNSTREAM_ERROR ? a.failedIndex() + 1 : 1);
            return;
        }
        Long expected = awaitingMirror.poll();
        if (expected == null || expected != a.seqno()) {
            mirrorLost("out-of-order ack " + a.seqno(), 1);
            return;
        }
        ack(a.seqno());
    }

    /** No next server after all: what was held is stored here, so it is acknowledged. */
    private void dropHeld() {
        for (DataPacket h; (h = held.poll()) != null; ) {
            h.release();
        }
        while (!awaitingMirror.isEmpty()) {
            ack(awaitingMirror.poll());
        }
    }

    /**
     * The next server (or one {@code failedIndex} places down) failed while the replica was being written.
     * A client's write stops with a DOWNSTREAM_ERROR naming it, and this replica is parked: the writer
     * rebuilds the pipeline from the servers left, which resume at the acknowledged length. A copy
     * between servers, or a replica already finalized here, goes on without the downstream.
     */
    private void mirrorLost(String why, int failedIndex) {
        if (mirror == null) {
            return;
        }
        DataChannel m = mirror;
        mirror = null;
        m.listen(null);
        m.channel().close();
        if (!finished && source == DataServerMetrics.Source.CLIENT) {
            LOG.warn("pipeline of block {}: downstream {} lost ({}); asking the writer to recover", request.block().id(),
                    m.address(), why);
            upstream.writeAndFlush(new Ack(requestId, Long.MAX_VALUE, Ack.Status.DOWNSTREAM_ERROR, failedIndex));
            writer.park();
            close();
            return;
        }
        LOG.warn("pipeline of block {}: downstream {} lost ({}); continuing without it", request.block().id(),
                m.address(), why);
        ready();
        while (!awaitingMirror.isEmpty()) {
            ack(awaitingMirror.poll());
        }
    }

    private void fail(Ack.Status status, String why) {
        if (closed) {
            return;
        }
        upstream.writeAndFlush(new Ack(requestId, Long.MAX_VALUE, status, 0));
        upstream.writeAndFlush(new MessageFrame(requestId, new Message.ErrorReply(
                status == Ack.Status.CHECKSUM_ERROR ? io.jdfs.protocol.ErrorCode.CHECKSUM : io.jdfs.protocol.ErrorCode.INTERNAL,
                "write of block " + request.block().id() + " failed: " + why)));
        abort();
    }

    /** The transfer failed: drop the partial replica. */
    void abort() {
        if (!finished) {
            writer.abort();
        }
        close();
    }

    /** The writer gave the block up: the replica goes at once, here and down the pipeline. */
    void abortedByWriter() {
        LOG.debug("writer of block {} gave it up", request.block().id());
        if (mirror != null && !closed) {
            mirror.channel().writeAndFlush(new MessageFrame(MIRROR_REQUEST, new Message.AbortWrite()));
        }
        abort();
    }

    /**
     * The upstream went away: a client's replica is parked for a pipeline recovery to resume at the
     * acknowledged length (the store drops it if none comes); a copy between servers is dropped.
     */
    void upstreamLost() {
        if (!finished && !closed && source == DataServerMetrics.Source.CLIENT) {
            writer.park();
            LOG.info("upstream of block {} lost at {} bytes; replica kept for a pipeline recovery",
                    writer.block(), writer.length());
            close();
            return;
        }
        abort();
    }

    private void close() {
        if (closed) {
            return;
        }
        closed = true;
        context.activeTransfers().decrementAndGet();
        context.metrics().transfer(DataServerMetrics.Op.WRITE_BLOCK, finished, System.nanoTime() - startNanos);
        for (DataPacket h; (h = held.poll()) != null; ) {
            h.release();
        }
        if (mirror != null) {
            if (finished && awaitingMirror.isEmpty()) {
                context.mirrors().release(mirror); // the downstream finished too: reuse the connection
            } else {
                mirror.listen(null);
                mirror.channel().close();
            }
            mirror = null;
        }
        onClose.run();
    }

    /** Runs a task on this transfer's executor; after shutdown there is nothing left to do. */
    private void onUpstream(Runnable task) {
        try {
            upstream.executor().execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("transfer of block {} ended by shutdown", request.block().id());
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Frames from the next server of the pipeline, handed to this transfer's executor. */
    private final class MirrorListener implements DataChannel.Listener {
        @Override
        public void onFrame(Object msg) {
            try {
                if (msg instanceof Ack a) {
                    onUpstream(() -> onMirrorAck(a));
                } else if (msg instanceof MessageFrame f) {
                    if (f.message() instanceof Message.WriteReady) {
                        onUpstream(BlockReceiver.this::ready);
                    } else if (f.message() instanceof Message.ErrorReply e) {
                        onUpstream(() -> mirrorLost(e.message(), 1));
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void onClosed(Throwable cause) {
            onUpstream(() -> {
                if (!finished || !awaitingMirror.isEmpty()) {
                    mirrorLost("connection closed", 1);
                }
            });
        }
    }
}
