package io.jdfs.data.store;

import io.jdfs.protocol.Block;
import io.jdfs.protocol.Protocol;
import io.jdfs.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A replica being written under {@code tmp/}: chunks arrive in order, each with its CRC32C; finalize
 * syncs both files and moves them into place, abort removes them.
 */
public final class ReplicaWriter implements AutoCloseable {
    private static final ExecutorService SYNCERS = Executors.newCachedThreadPool(
            new io.netty.util.concurrent.DefaultThreadFactory("jdfs-ds-fsync", true));
    private final BlockStore store;
    private final Block block;
    private final Path data;
    private final Path meta;
    private final FileChannel dataChannel;
    private final FileChannel metaChannel;
    private final ByteBuffer crcBuf = ByteBuffer.allocate(4);
    private long length;
    private boolean sawShortChunk;
    private boolean done;

    ReplicaWriter(BlockStore store, Block block, Path data, Path meta) throws IOException {
        this.store = store;
        this.block = block;
        this.data = data;
        this.meta = meta;
        this.dataChannel = FileChannel.open(data, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        this.metaChannel = FileChannel.open(meta, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        ByteBuffer h = ChecksumFile.header();
        while (h.hasRemaining()) {
            metaChannel.write(h);
        }
    }

    public Block block() {
        return block;
    }

    public long length() {
        return length;
    }

    /**
     * Appends a packet's chunks at {@code offset}, which must be where the previous packet ended;
     * {@code crcs} holds one checksum per chunk.
     */
    public void write(long offset, ByteBuf chunk, int[] crcs) throws IOException {
        int n = chunk.readableBytes();
        if (offset != length) {
            throw new ProtocolException("packet at offset " + offset + " but the replica has " + length + " bytes");
        }
        if (n == 0) {
            return;
        }
        if (sawShortChunk) {
            throw new ProtocolException("data after a partial chunk: only the last chunk of a block may be short");
        }
        if (length + n > BlockStore.MAX_REPLICA_BYTES) {
            throw new ProtocolException("replica would exceed " + BlockStore.MAX_REPLICA_BYTES + " bytes");
        }
        store.reserve(n);
        long pos = offset;
        for (ByteBuffer b : chunk.nioBuffers()) {
            while (b.hasRemaining()) {
                pos += dataChannel.write(b, pos);
            }
        }
        ByteBuffer c = crcs.length == 1 ? crcBuf.clear() : ByteBuffer.allocate(4 * crcs.length);
        for (int crc : crcs) {
            c.putInt(crc);
        }
        c.flip();
        while (c.hasRemaining()) {
            metaChannel.write(c);
        }
        length += n;
        if (n % Protocol.CHUNK_SIZE != 0) {
            sawShortChunk = true;
        }
    }

    /** Syncs the replica to disk and moves it into the finalized directory. */
    public Replica finish() throws IOException {
        // the two syncs run at once: a block's finalize waits for one disk flush, not two in a row
        CompletableFuture<Void> metaSync = CompletableFuture.runAsync(() -> {
            try {
                metaChannel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, SYNCERS);
        dataChannel.force(false);
        try {
            metaSync.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
        }
        close();
        done = true;
        return store.finalizeReplica(new Block(block.id(), block.generation(), length), data, meta);
    }

    public void abort() {
        if (done) {
            return;
        }
        done = true;
        close();
        try {
            Files.deleteIfExists(data);
            Files.deleteIfExists(meta);
        } catch (IOException ignored) {
            // a leftover in tmp/ is removed at the next start
        }
        store.release(length);
    }

    @Override
    public void close() {
        try {
            dataChannel.close();
            metaChannel.close();
        } catch (IOException ignored) {
            // closing a file we are done with
        }
    }
}
