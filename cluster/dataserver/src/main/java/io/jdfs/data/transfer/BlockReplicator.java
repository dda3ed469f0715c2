package io.jdfs.data.transfer;

import io.jdfs.data.HealingSettings;
import io.jdfs.data.Throttle;
import io.jdfs.data.metrics.DataServerMetrics;
import io.jdfs.data.store.BlockStore;
import io.jdfs.data.store.Replica;
import io.jdfs.rpc.Ack;
import io.jdfs.rpc.ClusterIdentity;
import io.jdfs.protocol.Command;
import io.jdfs.rpc.Connector;
import io.jdfs.rpc.Checksums;
import io.jdfs.rpc.DataPacket;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.Errors;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.TransferRequest;
import io.jdfs.rpc.MessageFrame;
import io.jdfs.protocol.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.zip.CRC32C;

/**
 * Executes the name server's {@link Command.ReplicateBlock}: streams a local replica to the targets
 * with the ordinary write pipeline protocol (the targets verify every packet's CRC32C and report the
 * new replica to the name server themselves). Each chunk is checked against the local sidecar before
 * it leaves, so a corrupt replica is reported instead of copied.
 */
public final class BlockReplicator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlockReplicator.class);
    private static final int WINDOW = 16;
    private static final long REQUEST = 1;
    private static final long TIMEOUT_SECONDS = 60;
    /** How a copy names itself as the writer of a pipeline: its target counts it as replication. */
    static final String CLIENT_PREFIX = "replication-from-";

    private final BlockStore store;
    private final ClusterIdentity identity;
    private final String serverId;
    private final Throttle throttle;
    private final AtomicInteger activeTransfers;
    private final LongConsumer corruptReporter;
    private final Runnable onCopyDone;
    private final ExecutorService pool;
    /** Prefix copies for pipeline recoveries: a writer waits on them, so not behind throttled copies. */
    private final ExecutorService prefixPool = Executors.newCachedThreadPool(
            new DefaultThreadFactory("jdfs-ds-prefix", true));
    private final DataServerMetrics metrics;

    public BlockReplicator(BlockStore store, ClusterIdentity identity, String serverId, HealingSettings settings,
                           AtomicInteger activeTransfers, LongConsumer corruptReporter, Runnable onCopyDone,
                           DataServerMetrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.identity = identity;
        this.serverId = serverId;
        this.throttle = new Throttle(settings.replicationBytesPerSecond());
        this.activeTransfers = activeTransfers;
        this.corruptReporter = corruptReporter;
        this.onCopyDone = onCopyDone;
        this.pool = Executors.newFixedThreadPool(Math.max(1, settings.replicationThreads()),
                new DefaultThreadFactory("jdfs-ds-replicate", true));
    }

    public void replicate(Command.ReplicateBlock cmd) {
        pool.execute(() -> copy(cmd));
    }

    private void copy(Command.ReplicateBlock cmd) {
        Replica r = store.get(cmd.block().id());
        if (r == null || r.block().generation() != cmd.block().generation() || cmd.targets().isEmpty()) {
            LOG.debug("cannot copy {}: no such replica here (have {})", cmd.block(), r == null ? "none" : r.block());
            return;
        }
        activeTransfers.incrementAndGet();
        metrics.replications().incrementAndGet();
        long t0 = System.nanoTime();
        boolean ok = false;
        Channel ch = null;
        try {
            Stream stream = new Stream();
            ch = open(cmd.targets(), stream, downstream -> new TransferRequest.WriteBlock(r.block(), downstream,
                    CLIENT_PREFIX + serverId, cmd.token()));
            if (!send(r, ch, stream, true)) {
                return;
            }
            stream.done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            ok = true;
            LOG.debug("copied {} to {}", r.block(), cmd.targets());
            onCopyDone.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("copy of {} to {} failed: {}", r.block(), cmd.targets(), Errors.unwrap(e).toString());
        } finally {
            activeTransfers.decrementAndGet();
            metrics.replications().decrementAndGet();
            metrics.transfer(DataServerMetrics.Op.REPLICATE, ok, System.nanoTime() - t0);
            if (ch != null) {
                ch.close();
            }
        }
    }

    /**
     * Pipeline recovery with a replacement: sends {@code prefix} (the acknowledged bytes of a replica being
     * written here) down {@code cmd}'s targets under the writer's name and without a last packet, waits
     * for every ack, then closes, so the targets keep the replica parked for the recovered pipeline.
     */
    public CompletableFuture<Void> copyPrefix(Replica prefix, TransferRequest.CopyPrefix cmd) {
        return CompletableFuture.runAsync(() -> {
            activeTransfers.incrementAndGet();
            Channel ch = null;
            try {
                Stream stream = new Stream();
                ch = open(cmd.targets(), stream, downstream -> new TransferRequest.WriteBlock(new Block(prefix.id(),
                        prefix.block().generation(), 0), downstream, cmd.clientId(), cmd.token()));
                if (!send(prefix, ch, stream, false)) {
                    throw new IOException("the replica of " + prefix.block() + " here is corrupt");
                }
                stream.done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                LOG.info("copied the first {} bytes of {} to {} for a pipeline recovery", prefix.length(),
                        prefix.block(), cmd.targets());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CompletionException(e);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(Errors.unwrap(e));
            } finally {
                activeTransfers.decrementAndGet();
                if (ch != null) {
                    ch.close();
                }
            }
        }, prefixPool);
    }

    /**
     * Connects to the first of {@code targets}, asks it for a write pipeline through the others and waits
     * until the pipeline is ready; the caller closes the channel. A connection made but not ready is closed here.
     */
    private Channel open(List<DataServerRef> targets, Stream stream,
                         java.util.function.Function<List<DataServerRef>, TransferRequest.WriteBlock> request) throws Exception {
        DataServerRef first = targets.get(0);
        Channel ch = Connector.connect(first.host(), first.port(), Protocol.ROLE_DATA_SERVER, identity, stream)
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        try {
            ch.writeAndFlush(new MessageFrame(REQUEST, request.apply(List.copyOf(targets.subList(1, targets.size())))));
            stream.ready.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return ch;
        } catch (Exception e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Sends every chunk, then (with {@code finish}) the empty last packet; false when the local replica
     * turned out corrupt. A copy for the name server is throttled and reports corruption; a prefix is not.
     */
    private boolean send(Replica r, Channel ch, Stream stream, boolean finish) throws Exception {
        int[] crcs = r.checksums();
        long seqno = 0;
        if (!finish) {
            stream.lastSeqno = (r.length() + Protocol.PACKET_SIZE - 1) / Protocol.PACKET_SIZE - 1;
        }
        try (FileChannel file = FileChannel.open(r.dataFile(), StandardOpenOption.READ)) {
            long pos = 0;
            for (int chunk = 0; pos < r.length(); chunk += Protocol.PACKET_CHUNKS) {
                int n = (int) Math.min(Protocol.PACKET_SIZE, r.length() - pos);
                int[] packetCrcs = java.util.Arrays.copyOfRange(crcs, chunk, chunk + Checksums.chunks(n));
                ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(n, n);
                try {
                    while (buf.writableBytes() > 0) {
                        if (buf.writeBytes(file, r.dataOffset() + pos + buf.readableBytes(), buf.writableBytes()) < 0) {
                            throw new IOException("replica " + r.block() + " ends early");
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    buf.release();
                    throw e;
                }
                int bad = Checksums.firstMismatch(buf, packetCrcs);
                if (bad >= 0) {
                    buf.release();
                    LOG.warn("replica {} is corrupt at offset {}: not copying it{}", r.block(),
                            pos + (long) bad * Protocol.CHUNK_SIZE, finish ? ", reporting it" : "");
                    if (finish) {
                        corruptReporter.accept(r.id());
                    }
                    return false;
                }
                try {
                    if (finish) {
                        throttle.acquire(n);
                    }
                    stream.acquireWindow();
                } catch (Exception e) {
                    buf.release(); // interrupted (shutdown) or the copy failed: the packet never leaves
                    throw e;
                }
                ch.writeAndFlush(new DataPacket(REQUEST, seqno++, pos, false, packetCrcs, buf));
                metrics.read(DataServerMetrics.Source.REPLICATION, n);
                pos += n;
            }
        }
        if (!finish) {
            return true;
        }
        stream.lastSeqno = seqno;
        stream.acquireWindow();
        ch.writeAndFlush(new DataPacket(REQUEST, seqno, r.length(), true, new int[0], Unpooled.EMPTY_BUFFER));
        return true;
    }

    /** The replies of one copy: ready, acks (which open the window), the last ack, or a failure. */
    private static final class Stream extends ChannelInboundHandlerAdapter {
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final Semaphore window = new Semaphore(WINDOW);
        volatile long lastSeqno = Long.MAX_VALUE;

        void acquireWindow() throws Exception {
            while (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (done.isCompletedExceptionally()) {
                    done.get(); // throws the failure
                }
            }
        }

        private void fail(Throwable t) {
            ready.completeExceptionally(t);
            done.completeExceptionally(t);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Ack a) {
                    if (a.status() != Ack.Status.OK) {
                        fail(new IOException("target answered " + a.status()));
                        return;
                    }
                    window.release();
                    if (a.seqno() == lastSeqno) {
                        done.complete(null);
                    }
                } else if (msg instanceof MessageFrame f) {
                    if (f.message() instanceof Reply.WriteReady) {
                        ready.complete(null);
                    } else if (f.message() instanceof Reply.ErrorReply e) {
                        fail(new IOException(e.code() + ": " + e.message()));
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail(new IOException("connection to " + ctx.channel().remoteAddress() + " closed"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause);
            ctx.close();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        prefixPool.shutdownNow();
    }
}
