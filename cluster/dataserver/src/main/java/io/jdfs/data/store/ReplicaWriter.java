package io.jdfs.data.store;

import io.jdfs.protocol.Block;
import io.jdfs.protocol.Protocol;
import io.jdfs.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A replica being written: chunks arrive in order, each with its CRC32C. The first
 * {@link ContainerStore#SMALL_MAX} bytes are kept in memory; a replica that ends there is appended to
 * a container, a larger one goes to {@code tmp/} files, which finalize syncs and moves into place.
 * Abort, or a failed finish, removes what was written and gives back the reserved bytes.
 */
public final class ReplicaWriter implements AutoCloseable {
    private static final ExecutorService SYNCERS = Executors.newCachedThreadPool(
            new io.netty.util.concurrent.DefaultThreadFactory("jdfs-ds-fsync", true));
    private final BlockStore store;
    private final Block block;
    private final Path data;
    private final Path meta;
    private FileChannel dataChannel;
    private FileChannel metaChannel;
    /** The bytes while the replica is small; null once it spilled to files. */
    private byte[] small = new byte[0];
    private int[] smallCrcs = new int[0];
    private long length;
    /** Bytes taken from the store's capacity: given back unless the replica is finalized. */
    private long reserved;
    private boolean sawShortChunk;
    private boolean done;

    ReplicaWriter(BlockStore store, Block block, Path data, Path meta) {
        this.store = store;
        this.block = block;
        this.data = data;
        this.meta = meta;
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
        reserved += n;
        if (small != null && length + n <= ContainerStore.SMALL_MAX) {
            small = Arrays.copyOf(small, (int) length + n);
            chunk.getBytes(chunk.readerIndex(), small, (int) length, n);
            int had = smallCrcs.length;
            smallCrcs = Arrays.copyOf(smallCrcs, had + crcs.length);
            System.arraycopy(crcs, 0, smallCrcs, had, crcs.length);
        } else {
            if (small != null) {
                spill();
            }
            writeFiles(offset, chunk.nioBuffers(), crcs);
        }
        length += n;
        if (n % Protocol.CHUNK_SIZE != 0) {
            sawShortChunk = true;
        }
    }

    /** The replica outgrew a container record: what was kept in memory goes to the files. */
    private void spill() throws IOException {
        dataChannel = FileChannel.open(data, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        metaChannel = FileChannel.open(meta, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        ByteBuffer h = ChecksumFile.header();
        while (h.hasRemaining()) {
            metaChannel.write(h);
        }
        byte[] kept = small;
        int[] keptCrcs = smallCrcs;
        small = null;
        smallCrcs = null;
        writeFiles(0, new ByteBuffer[]{ByteBuffer.wrap(kept)}, keptCrcs);
    }

    private void writeFiles(long offset, ByteBuffer[] buffers, int[] crcs) throws IOException {
        long pos = offset;
        for (ByteBuffer b : buffers) {
            while (b.hasRemaining()) {
                pos += dataChannel.write(b, pos);
            }
        }
        ByteBuffer c = ByteBuffer.allocate(4 * crcs.length);
        for (int crc : crcs) {
            c.putInt(crc);
        }
        c.flip();
        while (c.hasRemaining()) {
            metaChannel.write(c);
        }
    }

    /** Makes the replica durable and finalized; on failure nothing of it is left behind. */
    public Replica finish() throws IOException {
        if (done) {
            throw new IllegalStateException("replica of " + block + " already finished or aborted");
        }
        Block finalBlock = new Block(block.id(), block.generation(), length);
        try {
            Replica r;
            if (small != null) {
                r = store.finalizeSmall(finalBlock, small, (int) length, smallCrcs);
            } else {
                syncFiles();
                close();
                r = store.finalizeReplica(finalBlock, data, meta);
            }
            done = true;
            return r;
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
    }

    private void syncFiles() throws IOException {
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
    }

    public void abort() {
        if (done) {
            return;
        }
        done = true;
        close();
        small = null;
        if (dataChannel != null) {
            try {
                Files.deleteIfExists(data);
                Files.deleteIfExists(meta);
            } catch (IOException ignored) {
                // a leftover in tmp/ is removed at the next start
            }
        }
        store.release(reserved);
        reserved = 0;
    }

    @Override
    public void close() {
        try {
            if (dataChannel != null) {
                dataChannel.close();
            }
            if (metaChannel != null) {
                metaChannel.close();
            }
        } catch (IOException ignored) {
            // closing a file we are done with
        }
    }
}
