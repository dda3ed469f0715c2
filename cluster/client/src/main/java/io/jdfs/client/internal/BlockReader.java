package io.jdfs.client.internal;

import io.jdfs.protocol.ChecksumException;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.Errors;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.UnavailableException;
import io.jdfs.rpc.DataChannel;
import io.jdfs.rpc.DataConnections;
import io.jdfs.rpc.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * Reads a range of a block, switching to another replica on any error or checksum mismatch and
 * reporting a corrupt replica to the name server. Corrupt bytes are never returned.
 * <p>
 * A server that stops answering costs about a second, not minutes: connecting and every packet have
 * a short deadline; a read silent for a fraction of that also asks the next replica (a hedged read,
 * first answer wins); and a server that timed out is tried last by this client's reads for a while.
 */
public final class BlockReader {
    private static final Logger LOG = LoggerFactory.getLogger(BlockReader.class);
    /** Connecting (and the handshake) to a data server for a read: a cut-off server is given up after this. */
    static final long CONNECT_TIMEOUT_MILLIS = 1_000;

    private final DataConnections pool;
    private final BiConsumer<Long, String> badReplicaReporter;
    private final SlowServers slow = new SlowServers();

    public BlockReader(DataConnections pool, BiConsumer<Long, String> badReplicaReporter) {
        this.pool = pool;
        this.badReplicaReporter = badReplicaReporter;
    }

    /** Reads {@code length} bytes at {@code offsetInBlock}; the caller releases the buffer. */
    public CompletableFuture<ByteBuf> read(LocatedBlock block, long offsetInBlock, int length) {
        if (length == 0) {
            return CompletableFuture.completedFuture(Unpooled.EMPTY_BUFFER);
        }
        if (block.block().isHole()) {
            // a never-written range of a sparse file: zeros, stored nowhere
            return CompletableFuture.completedFuture(Unpooled.wrappedBuffer(new byte[length]));
        }
        return new Race(block, offsetInBlock, length).start();
    }

    /** One ranged read: replicas tried in order, a second one started while the first is slow. */
    private final class Race {
        private final LocatedBlock block;
        private final long offset;
        private final int length;
        private final List<DataServerRef> order;
        private final CompletableFuture<ByteBuf> result = new CompletableFuture<>();
        private final List<String> errors = new ArrayList<>();
        private final List<BlockRead> running = new ArrayList<>();
        private int next;
        private int inFlight;

        Race(LocatedBlock block, long offset, int length) {
            this.block = block;
            this.offset = offset;
            this.length = length;
            this.order = slow.healthyFirst(block.locations());
        }

        CompletableFuture<ByteBuf> start() {
            launch();
            return result;
        }

        /** Starts a read from the next replica; fails the race when none is left and none runs. */
        private void launch() {
            DataServerRef server;
            synchronized (this) {
                if (result.isDone()) {
                    return;
                }
                if (next >= order.size()) {
                    if (inFlight == 0) {
                        result.completeExceptionally(new UnavailableException("could not read block " + block.block().id()
                                + (order.isEmpty() ? ": no live replica" : " from any replica: " + String.join("; ", errors))));
                    }
                    return;
                }
                server = order.get(next++);
                inFlight++;
            }
            CompletableFuture<DataChannel> connecting = pool.acquire(server);
            CompletableFuture<DataChannel> bounded = connecting.copy().orTimeout(CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            // on an event loop: CompletableFuture.delayedExecutor starts a new thread per task when the
            // common pool has one thread (2 cores), a thread per block read
            var hedge = Transport.clientGroup().schedule(() -> {
                if (!bounded.isDone()) {
                    launch(); // connecting is slow: ask the next replica too
                }
            }, BlockRead.SLOW_AFTER_MILLIS, TimeUnit.MILLISECONDS);
            bounded.whenComplete((dc, e) -> hedge.cancel(false));
            bounded.whenComplete((dc, connectError) -> {
                if (connectError != null) {
                    // a connection that comes after all is not wanted any more
                    connecting.thenAccept(late -> late.channel().close());
                    Throwable c = Errors.unwrap(connectError);
                    ended(server, c instanceof TimeoutException
                            ? new SilentServerException("no connection to " + server.address() + " within "
                            + CONNECT_TIMEOUT_MILLIS + " ms") : c, true);
                    return;
                }
                BlockRead r;
                synchronized (this) {
                    if (result.isDone()) {
                        inFlight--;
                        pool.release(dc);
                        return;
                    }
                    r = new BlockRead(dc, block, offset, length, this::launch);
                    running.add(r);
                }
                r.start().whenComplete((buf, err) -> {
                    synchronized (this) {
                        running.remove(r);
                    }
                    if (err == null) {
                        pool.release(dc);
                        synchronized (this) {
                            inFlight--;
                        }
                        if (result.complete(buf)) {
                            cancelOthers();
                        } else {
                            buf.release();
                        }
                        return;
                    }
                    dc.listen(null);
                    dc.channel().close();
                    if (r.wasSlow()) {
                        // silent until another replica answered: as good as a timeout
                        slow.mark(server.address());
                    }
                    ended(server, Errors.unwrap(err), false);
                });
            });
        }

        private void ended(DataServerRef server, Throwable c, boolean connecting) {
            synchronized (this) {
                inFlight--;
            }
            if (c instanceof CancellationException) {
                return;
            }
            if (c instanceof ChecksumException) {
                LOG.warn("corrupt replica of block {} on {}: {}", block.block().id(), server.address(), c.getMessage());
                badReplicaReporter.accept(block.block().id(), server.id());
            } else {
                if (c instanceof SilentServerException || connecting) {
                    slow.mark(server.address());
                }
                LOG.debug("read of block {} from {} failed: {}", block.block().id(), server.address(), c.toString());
            }
            synchronized (this) {
                errors.add(c.getMessage());
            }
            launch();
        }

        private void cancelOthers() {
            List<BlockRead> others;
            synchronized (this) {
                others = new ArrayList<>(running);
            }
            for (BlockRead r : others) {
                r.cancel();
            }
        }
    }
}
