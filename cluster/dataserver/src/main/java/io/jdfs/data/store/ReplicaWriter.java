package io.jdfs.data.store;

import io.jdfs.protocol.Block;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.ErrorCode;
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
 * <p>
 * A writer whose upstream went away is <em>parked</em>: what it received stays (files closed, bytes
 * still reserved) so a pipeline recovery can {@link #resumeAs resume} it at the acknowledged length
 * under a new generation; the store aborts parked writers nobody resumes. Methods are synchronized:
 * a recovery may take a writer over from another connection's thread.
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
    /** Why this writer may not go on (aborted, or taken over by a recovery); null while it may. */
    private String ended;
    /** When it was parked (System.nanoTime()), or 0 while a transfer owns it. */
    private long parkedNanos;

    ReplicaWriter(BlockStore store, Block block, Path data, Path meta) {
        this.store = store;
        this.block = block;
        this.data = data;
        this.meta = meta;
    }

    public synchronized Block block() {
        return block;
    }

    public synchronized long length() {
        return length;
    }

    /** True while no transfer owns this writer: it waits for a recovery to resume it, or to expire. */
    public synchronized boolean parked() {
        return parkedNanos != 0 && !done;
    }

    synchronized long parkedNanos() {
        return done ? 0 : parkedNanos;
    }

    /**
     * Appends a packet's chunks at {@code offset}, which must be where the previous packet ended;
     * {@code crcs} holds one checksum per chunk.
     */
    public synchronized void write(long offset, ByteBuf chunk, int[] crcs) throws IOException {
        if (done) {
            throw new IOException("replica of block " + block.id() + " " + (ended == null ? "is finished" : ended));
        }
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

    /**
     * True while the replica is kept in memory and stays there after {@code n} more bytes: such a write
     * touches no disk (the transfer may do it on its I/O thread), and its finish is {@link #finishSmallAsync}.
     */
    public synchronized boolean staysInMemory(int n) {
        return !done && small != null && length + n <= ContainerStore.SMALL_MAX;
    }

    /** Makes the replica durable and finalized; on failure nothing of it is left behind. */
    public Replica finish() throws IOException {
        synchronized (this) {
            if (done) {
                throw new IOException("replica of " + block + " " + (ended == null ? "already finished" : ended));
            }
            if (small == null) {
                return finishFiles();
            }
        }
        try {
            return finishSmallAsync().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private Replica finishFiles() throws IOException {
        Block finalBlock = new Block(block.id(), block.generation(), length);
        try {
            syncFiles();
            close();
            Replica r = store.finalizeReplica(finalBlock, data, meta);
            done = true;
            store.inProgress().ended(this);
            return r;
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
    }

    /**
     * Finalizes a replica kept in memory without waiting for the disk: it is appended to a container and
     * the future completes, on the container committer's thread, once it is durable (group-committed
     * with the other small replicas). From the call on the writer counts as finished; on failure
     * nothing of it is left behind. Fails at once for a replica in files (use {@link #finish}).
     */
    public CompletableFuture<Replica> finishSmallAsync() {
        Block finalBlock;
        byte[] bytes;
        int[] crcs;
        synchronized (this) {
            if (done || small == null) {
                return CompletableFuture.failedFuture(new IOException("replica of " + block + " "
                        + (done ? ended == null ? "already finished" : ended : "is not kept in memory")));
            }
            finalBlock = new Block(block.id(), block.generation(), length);
            bytes = small;
            crcs = smallCrcs;
            done = true;
            ended = "is being finalized";
        }
        return store.finalizeSmallAsync(finalBlock, bytes, (int) finalBlock.length(), crcs).whenComplete((r, e) -> {
            synchronized (this) {
                small = null;
                smallCrcs = null;
                if (e != null) {
                    ended = "was aborted";
                    store.release(reserved);
                    reserved = 0;
                } else {
                    ended = null;
                }
            }
            store.inProgress().ended(this);
        });
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

    public synchronized void abort() {
        if (done) {
            return;
        }
        done = true;
        ended = "was aborted";
        close();
        if (small == null) {
            try {
                Files.deleteIfExists(data);
                Files.deleteIfExists(meta);
            } catch (IOException ignored) {
                // a leftover in tmp/ is removed at the next start
            }
        }
        small = null;
        smallCrcs = null;
        store.release(reserved);
        reserved = 0;
        store.inProgress().ended(this);
    }

    /**
     * The transfer writing this replica lost its upstream: keep what arrived for a pipeline recovery.
     * The files are closed; the bytes stay reserved until the replica is resumed or aborted.
     */
    public synchronized void park() {
        if (done || parkedNanos != 0) {
            return;
        }
        close();
        dataChannel = null;
        metaChannel = null;
        parkedNanos = Math.max(1, System.nanoTime());
    }

    /**
     * A read-only view of the first {@code offset} bytes (a whole number of chunks) of this replica in its
     * tmp files, with their checksums, for copying them to a replacement server of a recovered pipeline.
     */
    synchronized Replica prefix(long fromGeneration, long offset) throws IOException {
        if (done || small != null || block.generation() < fromGeneration || length < offset
                || offset <= 0 || offset % Protocol.CHUNK_SIZE != 0) {
            throw new DfsException(ErrorCode.NOT_FOUND, "no replica of block " + block.id() + " with " + offset
                    + " bytes from generation " + fromGeneration + " being written here in files to copy");
        }
        int[] crcs = ChecksumFile.readFirst(meta, (int) (offset / Protocol.CHUNK_SIZE));
        return new Replica(new Block(block.id(), block.generation(), offset), data, null, 0, crcs, null);
    }

    /**
     * Hands this replica over to a pipeline (or block) recovery: a new writer of {@code newBlock} (same id,
     * newer generation) holding the first {@code offset} bytes (whole chunks, or all of them), from which
     * the recovery goes on. This writer ends (a transfer still writing to it fails). Refused, leaving this
     * writer as it was, when its generation is not in [{@code fromGeneration}, new generation) or it holds
     * fewer than {@code offset} bytes.
     */
    synchronized ReplicaWriter resumeAs(Block newBlock, long fromGeneration, long offset, Path newData, Path newMeta)
            throws IOException {
        if (done) {
            throw new DfsException(ErrorCode.NOT_FOUND, "the replica of block " + block.id() + " here "
                    + (ended == null ? "is finished" : ended) + ": cannot resume it");
        }
        if (block.generation() < fromGeneration || block.generation() >= newBlock.generation()) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "the replica of block " + block.id() + " here has generation "
                    + block.generation() + ", not one from " + fromGeneration + " below " + newBlock.generation());
        }
        if (length < offset) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "the replica of block " + block.id() + " here has "
                    + length + " bytes, fewer than the " + offset + " to resume at");
        }
        ReplicaWriter w = new ReplicaWriter(store, newBlock, newData, newMeta);
        close();
        w.small = small;
        w.smallCrcs = smallCrcs;
        if (small == null) {
            try {
                Files.move(data, newData, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                Files.move(meta, newMeta, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                w.dataChannel = FileChannel.open(newData, StandardOpenOption.WRITE);
                w.metaChannel = FileChannel.open(newMeta, StandardOpenOption.WRITE);
            } catch (IOException e) {
                // nothing half-moved is left: both writers' files go, and the reserved bytes come back
                w.close();
                Files.deleteIfExists(newData);
                Files.deleteIfExists(newMeta);
                abort();
                throw new IOException("cannot resume the replica of block " + block.id() + ": " + e.getMessage(), e);
            }
        }
        w.length = length;
        w.reserved = reserved;
        reserved = 0;
        small = null;
        smallCrcs = null;
        done = true;
        ended = "was taken over by a pipeline recovery as generation " + newBlock.generation();
        try {
            w.cut(offset); // a block recovery keeps a short last chunk whole
        } catch (IOException e) {
            w.abort();
            throw e;
        }
        return w;
    }

    /** Block recovery: cut to the holders' common length and no longer parked, to be {@linkplain #finish finished}. */
    synchronized void cutForRecovery(long offset) throws IOException {
        if (done || offset < 0 || offset > length || offset % Protocol.CHUNK_SIZE != 0 && offset != length) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "cannot cut the replica of " + block + " ("
                    + length + " bytes" + (done ? ", " + ended : "") + ") to " + offset + " bytes");
        }
        if (small == null && (dataChannel == null || !dataChannel.isOpen())) {
            dataChannel = FileChannel.open(data, StandardOpenOption.WRITE);
            metaChannel = FileChannel.open(meta, StandardOpenOption.WRITE);
        }
        cut(offset);
        parkedNanos = 0; // the recovery owns it now: it must not expire while being finished
    }

    /** Cuts to {@code offset} bytes (whole chunks, or all there is); the bytes cut off are no longer reserved. */
    private void cut(long offset) throws IOException {
        int chunks = (int) ((offset + Protocol.CHUNK_SIZE - 1) / Protocol.CHUNK_SIZE);
        if (small != null) {
            small = Arrays.copyOf(small, (int) offset);
            smallCrcs = Arrays.copyOf(smallCrcs, chunks);
        } else {
            dataChannel.truncate(offset);
            ChecksumFile.truncate(metaChannel, chunks);
        }
        length = offset;
        sawShortChunk = offset % Protocol.CHUNK_SIZE != 0;
        store.release(reserved - offset);
        reserved = offset;
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
