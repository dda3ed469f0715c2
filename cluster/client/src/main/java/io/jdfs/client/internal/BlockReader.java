package io.jdfs.client.internal;

import io.jdfs.rpc.DataConnections;
import io.jdfs.protocol.ChecksumException;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.Errors;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.UnavailableException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Reads a range of a block, switching to another replica on any error or checksum mismatch and
 * reporting a corrupt replica to the name server. Corrupt bytes are never returned.
 */
public final class BlockReader {
    private static final Logger LOG = LoggerFactory.getLogger(BlockReader.class);

    private final DataConnections pool;
    private final BiConsumer<Long, String> badReplicaReporter;

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
        CompletableFuture<ByteBuf> result = new CompletableFuture<>();
        attempt(block, offsetInBlock, length, 0, new ArrayList<>(), result);
        return result;
    }

    private void attempt(LocatedBlock block, long offset, int length, int index, List<String> errors,
                         CompletableFuture<ByteBuf> result) {
        List<DataServerRef> locations = block.locations();
        if (index >= locations.size()) {
            result.completeExceptionally(new UnavailableException("could not read block " + block.block().id()
                    + (locations.isEmpty() ? ": no live replica" : " from any replica: " + String.join("; ", errors))));
            return;
        }
        DataServerRef server = locations.get(index);
        pool.acquire(server).whenComplete((dc, connectError) -> {
            if (connectError != null) {
                errors.add(Errors.unwrap(connectError).getMessage());
                attempt(block, offset, length, index + 1, errors, result);
                return;
            }
            new BlockRead(dc, block, offset, length).start().whenComplete((buf, err) -> {
                if (err == null) {
                    pool.release(dc);
                    result.complete(buf);
                    return;
                }
                dc.listen(null);
                dc.channel().close();
                Throwable c = Errors.unwrap(err);
                if (c instanceof ChecksumException) {
                    LOG.warn("corrupt replica of block {} on {}: {}", block.block().id(), server.address(), c.getMessage());
                    badReplicaReporter.accept(block.block().id(), server.id());
                } else {
                    LOG.debug("read of block {} from {} failed: {}", block.block().id(), server.address(), c.toString());
                }
                errors.add(c.getMessage());
                attempt(block, offset, length, index + 1, errors, result);
            });
        });
    }
}
