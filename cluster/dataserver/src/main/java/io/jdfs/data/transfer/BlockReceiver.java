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
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.TransferRequest;
import io.jdfs.rpc.MessageFrame;
import io.jdfs.protocol.Protocol;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * One replica arriving down a write pipeline: verify each packet's checksum, forward it to the next
 * server, store it, and acknowledge upstream once it is stored here and acknowledged downstream. A
 * downstream server that fails while a client's replica is written stops the write with a DOWNSTREAM_ERROR
 * ack naming it; the client then recovers the pipeline with the servers left. A write that
 * {@linkplain TransferRequest.WriteBlock#resumes() resumes} continues the replica a broken pipeline left here.
 * <p>
 * Threads: all runs on the upstream connection's I/O thread (the next server's connection is taken on
 * it too: forwarding and passing acks up are plain calls) except the disk work. A replica kept in memory
 * (small, so far) is written here; its last packet goes to the container committer (group-committed
 * fdatasync), whose completion comes back here to acknowledge. A replica in files is written, synced and
 * finalized on its disk thread in packet order ({@link ReplicaDisk}), each step reporting back here.
 */
final class BlockReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(BlockReceiver.class);
    private static final long MIRROR_REQUEST = 1;

    private final ChannelHandlerContext upstream;
    /** The upstream connection's I/O thread: all state is touched there only. */
    private final EventExecutor loop;
    /** Where the replica's file writes, syncs and finalization run, one after another. */
    private final ReplicaDisk disk;
    private final long requestId;
    private final TransferRequest.WriteBlock request;
    private final TransferContext context;
    private final ReplicaWriter writer;
    private final PacketAcks acks = new PacketAcks();
    private final Runnable onClose;
    private DataChannel mirror;
    /** The next server is being reached: packets wait here until it is. */
    private boolean mirrorPending;
    private final ArrayDeque<DataPacket> held = new ArrayDeque<>();
    private boolean readySent;
    /** The last packet arrived: the replica is being finalized, or is. */
    private boolean lastReceived;
    /** The replica is finalized (durable) here. */
    private boolean finalized;
    private boolean closed;
    private final long startNanos = System.nanoTime();
    private final DataServerMetrics.Source source;

    BlockReceiver(ChannelHandlerContext upstream, long requestId, TransferRequest.WriteBlock request, TransferContext context,
                  EventExecutor disk, Runnable onClose) throws IOException {
        this.onClose = onClose;
        this.upstream = upstream;
        this.loop = upstream.channel().eventLoop();
        this.disk = new ReplicaDisk(disk);
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
        context.mirrors().acquire(next, upstream.channel().eventLoop()).whenComplete((ch, err) -> onLoop(() -> {
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
            ch.listen(new MirrorListener(this));
            ch.channel().write(new MessageFrame(MIRROR_REQUEST, new TransferRequest.WriteBlock(request.block(),
                    downstream.subList(1, downstream.size()), request.clientId(), request.token(),
                    request.offset(), request.fromGeneration(), request.noReady())));
            // senders do not wait for WriteReady: what arrived meanwhile follows the request at once
            for (DataPacket h; (h = held.poll()) != null; ) {
                ch.channel().write(h);
            }
            ch.channel().flush();
        }));
    }

    void ready() {
        if (!closed && !readySent && !request.noReady()) {
            readySent = true;
            upstream.writeAndFlush(new MessageFrame(requestId, new Reply.WriteReady()));
        }
    }

    void onPacket(DataPacket p) {
        try {
            if (closed) {
                return;
            }
            if (lastReceived) {
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
            boolean last = p.last();
            int bytes = p.data().readableBytes();
            boolean inMemory = disk.idle() && writer.staysInMemory(bytes);
            if (inMemory) {
                writer.write(p.offset(), p.data(), p.crcs()); // a copy into memory: no disk here
                context.metrics().written(source, bytes);
            }
            // forwarded before it is stored (or synced) here: the servers of the pipeline store it at the same time
            if (mirror != null) {
                mirror.channel().writeAndFlush(p.forward(MIRROR_REQUEST));
            } else if (mirrorPending) {
                held.add(p.forward(MIRROR_REQUEST));
            }
            acks.received(p.seqno(), mirror != null || mirrorPending);
            lastReceived = last;
            long seqno = p.seqno();
            if (inMemory) {
                if (last) {
                    writer.finishSmallAsync().whenComplete((r, e) -> finalizedOrFailed(seqno, r, e, false));
                } else {
                    stored(seqno);
                }
                return;
            }
            p.retain();
            boolean queued = disk.submit(() -> {
                try {
                    writer.write(p.offset(), p.data(), p.crcs());
                    context.metrics().written(source, bytes);
                    if (!last) {
                        onLoop(() -> {
                            disk.completed();
                            stored(seqno);
                        });
                        return;
                    }
                    finalizedOrFailed(seqno, writer.finish(), null, true);
                } catch (IOException | RuntimeException e) {
                    finalizedOrFailed(seqno, null, e, true);
                } finally {
                    p.release();
                }
            });
            if (!queued) {
                p.release();
                fail(Ack.Status.IO_ERROR, "the data server is stopping");
            }
        } catch (IOException e) {
            LOG.warn("write of block {} failed: {}", request.block().id(), e.getMessage());
            fail(Ack.Status.IO_ERROR, e.getMessage());
        } finally {
            p.release();
        }
    }

    /**
     * The last packet's finish, or a failed write, came back (from the disk thread, or the committer's): a finalized replica is
     * reported to the name server whatever became of the transfer meanwhile; the rest goes on on the I/O
     * thread. {@code diskTask}: it ran on {@link #disk}.
     */
    private void finalizedOrFailed(long seqno, Replica r, Throwable error, boolean diskTask) {
        if (error == null) {
            context.onFinalized().accept(r.block());
            LOG.debug("received {} from {}", r.block(), upstream.channel().remoteAddress());
        }
        onLoop(() -> {
            if (diskTask) {
                disk.completed();
            }
            if (error != null) {
                Throwable c = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                LOG.warn("write of block {} failed: {}", request.block().id(), c.getMessage());
                lastReceived = false; // nothing of it is kept: the writer is dropped
                fail(Ack.Status.IO_ERROR, c.getMessage());
                return;
            }
            finalized = true;
            stored(seqno);
        });
    }

    /** Packets up to {@code seqno} are stored here: acknowledge what downstream acknowledged too. */
    private void stored(long seqno) {
        acks.stored(seqno);
        acknowledge();
    }

    /**
     * Acknowledges upstream, in order, every packet stored here and acknowledged by the next server (or
     * with no next server waited for); the last one ends the transfer.
     */
    private void acknowledge() {
        if (closed) {
            return;
        }
        boolean wrote = false;
        for (long s; (s = acks.nextAckable()) >= 0; ) {
            upstream.write(Ack.stored(requestId, s, acks.storedBy()));
            wrote = true;
        }
        if (wrote) {
            upstream.flush();
        }
        if (finalized && acks.allAcknowledged()) {
            close();
        }
    }

    void onMirrorAck(Ack a) {
        if (closed) {
            return;
        }
        if (a.status() != Ack.Status.OK) {
            // a server further down failed: name it to the writer relative to this server
            mirrorLost("it answered " + a.status(), a.status() == Ack.Status.DOWNSTREAM_ERROR ? a.failedIndex() + 1 : 1);
            return;
        }
        if (!acks.mirrored(a.seqno(), a.storedBy())) {
            mirrorLost("out-of-order ack " + a.seqno(), 1);
            return;
        }
        acknowledge();
    }

    /** No next server after all: what was held is acknowledged once stored here. */
    private void dropHeld() {
        for (DataPacket h; (h = held.poll()) != null; ) {
            h.release();
        }
        acks.withoutMirror();
        acknowledge();
    }

    /**
     * The next server (or one {@code failedIndex} places down) failed while the replica was being written.
     * A client's write stops with a DOWNSTREAM_ERROR naming it, and this replica is parked: the writer
     * rebuilds the pipeline from the servers left, which resume at the acknowledged length. A copy
     * between servers, or a replica whose last packet arrived here, goes on without the downstream.
     */
    void mirrorLost(String why, int failedIndex) {
        if (mirror == null) {
            return;
        }
        DataChannel m = mirror;
        mirror = null;
        m.listen(null);
        m.channel().close();
        if (!lastReceived && source == DataServerMetrics.Source.CLIENT) {
            LOG.warn("pipeline of block {}: downstream {} lost ({}); asking the writer to recover", request.block().id(),
                    m.address(), why);
            upstream.writeAndFlush(new Ack(requestId, Long.MAX_VALUE, Ack.Status.DOWNSTREAM_ERROR, failedIndex));
            disk.afterPending(writer::park);
            close();
            return;
        }
        LOG.warn("pipeline of block {}: downstream {} lost ({}); continuing without it", request.block().id(),
                m.address(), why);
        ready();
        acks.withoutMirror();
        acknowledge();
    }

    private void fail(Ack.Status status, String why) {
        if (closed) {
            return;
        }
        upstream.writeAndFlush(new Ack(requestId, Long.MAX_VALUE, status, 0));
        upstream.writeAndFlush(new MessageFrame(requestId, new Reply.ErrorReply(
                status == Ack.Status.CHECKSUM_ERROR ? io.jdfs.protocol.ErrorCode.CHECKSUM : io.jdfs.protocol.ErrorCode.INTERNAL,
                "write of block " + request.block().id() + " failed: " + why)));
        abort();
    }

    /** The transfer failed: drop the partial replica (after the writes still queued for the disk). */
    void abort() {
        if (!lastReceived) {
            disk.afterPending(writer::abort);
        }
        close();
    }

    /** The writer gave the block up: the replica goes at once, here and down the pipeline. */
    void abortedByWriter() {
        LOG.debug("writer of block {} gave it up", request.block().id());
        if (mirror != null && !closed) {
            mirror.channel().writeAndFlush(new MessageFrame(MIRROR_REQUEST, new TransferRequest.AbortWrite()));
        }
        abort();
    }

    /**
     * The upstream went away: a client's replica is parked for a pipeline recovery to resume at the
     * acknowledged length (the store drops it if none comes); a copy between servers is dropped. A
     * replica whose last packet arrived is finalized all the same.
     */
    void upstreamLost() {
        if (!lastReceived && !closed && source == DataServerMetrics.Source.CLIENT) {
            disk.afterPending(writer::park);
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
        context.metrics().transfer(DataServerMetrics.Op.WRITE_BLOCK, finalized, System.nanoTime() - startNanos);
        for (DataPacket h; (h = held.poll()) != null; ) {
            h.release();
        }
        if (mirror != null) {
            if (finalized && !acks.mirrorOwesAcks()) {
                context.mirrors().release(mirror); // the downstream finished too: reuse the connection
            } else {
                mirror.listen(null);
                mirror.channel().close();
            }
            mirror = null;
        }
        onClose.run();
    }

    /** Runs a task on the upstream connection's I/O thread: at once when already there. */
    void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping: nothing is left to do
        }
    }

    /** The connection to the next server closed: lost, unless it had acknowledged everything. */
    void mirrorClosed() {
        if (!finalized || acks.mirrorOwesAcks()) {
            mirrorLost("connection closed", 1);
        }
    }
}
