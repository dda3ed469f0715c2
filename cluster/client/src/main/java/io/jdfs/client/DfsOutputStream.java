package io.jdfs.client;

import io.jdfs.client.internal.BlockWriter;
import io.jdfs.client.internal.WriteBudget;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a file: bytes are cut into 64 KiB checksummed packets and blocks, each block streamed down its
 * own pipeline, several blocks in flight at once. Memory is bounded: writes wait while the packets the
 * block writers hold (queued or not yet acknowledged by the whole pipeline: a pipeline recovery resumes
 * at the acknowledged length) reach the budget, blocks in flight x block size, at most 64 MiB. {@link #close()} waits for every block and completes the file;
 * until then readers do not see it whole.
 */
public final class DfsOutputStream extends OutputStream {
    private static final long MAX_BUFFERED = 64L << 20;
    /** System property: the most bytes of packets a stream holds (default 64 MiB; at least one packet). */
    public static final String BUFFER_PROPERTY = "jdfs.client.writeBufferBytes";
    /**
     * System property: milliseconds the first block allocated with the create call stays usable (default
     * 60000); a stream whose first write comes later asks the name server for that block again.
     */
    public static final String FIRST_BLOCK_FRESH_PROPERTY = "jdfs.client.firstBlockFreshMillis";

    private final DfsClient client;
    private final String path;
    private final FileStatus created;
    private final long blockSize;
    private final int blocksInFlight;
    private final WriteBudget budget;
    /** The final form of each block, by index; null while its writer is in {@link #pending}. */
    private final List<Block> finals = new ArrayList<>();
    /** By index, the servers that acknowledged each block as stored (empty: not said). */
    private final List<List<String>> storedOn = new ArrayList<>();
    /** Writers of blocks not yet collected: a finished block keeps only its {@link Block}, not its writer. */
    private final List<Pending> pending = new ArrayList<>();

    private record Pending(int index, BlockWriter writer) {
    }
    private BlockWriter current;
    private long blockBytes;
    private ByteBuf chunk;
    private long written;
    private final LastWrite lastWrite = new LastWrite(); // the mtime at close, as on a local disk
    private boolean closed;
    /** For uploads written under a hidden temporary name: renames it into place, or deletes it. */
    private final Publication publication;

    /** What happens to a file written under a temporary name once it is whole, or abandoned. */
    interface Publication {
        String target();

        void publish() throws IOException;

        void discard();
    }

    /** Nanoseconds of the create call, the close's wait for the pipelines and its Complete (see {@link #phases()}). */
    private long createNanos;
    private long dataNanos;
    private long completeNanos;

    /** The phases of this write once closed (zeros for phases not reached). */
    public WritePhases phases() {
        return new WritePhases(createNanos, dataNanos, completeNanos);
    }

    void createdIn(long nanos) {
        this.createNanos = nanos;
    }

    /** Block 0 as allocated by the create call, until the first write uses it. */
    private LocatedBlock firstBlock;
    private final long createdNanos = System.nanoTime();
    /** Older than this, block 0's pipeline and token are asked for again (servers may have gone). */
    private final long firstBlockFreshNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(
            Long.getLong(FIRST_BLOCK_FRESH_PROPERTY, 60_000));

    DfsOutputStream(DfsClient client, String path, FileStatus created, int blocksInFlight, Publication publication,
                    LocatedBlock firstBlock) {
        this.publication = publication;
        this.firstBlock = firstBlock;
        this.client = client;
        this.path = path;
        this.created = created;
        this.blockSize = created.blockSize();
        this.blocksInFlight = blocksInFlight;
        this.budget = new WriteBudget(WriteBudget.bytesFor(blockSize, blocksInFlight, maxBufferedBytes()));
    }

    /** The write buffer's upper bound: {@value #BUFFER_PROPERTY} or 64 MiB. */
    static long maxBufferedBytes() {
        return Math.min(Integer.MAX_VALUE, Long.getLong(BUFFER_PROPERTY, MAX_BUFFERED));
    }

    /** Pipeline recoveries of this stream's blocks so far. */
    public long pipelineRecoveries() {
        return budget.recoveries();
    }

    /** Bytes the pipeline recoveries kept on the surviving servers (their resume offsets), not sent again. */
    public long recoveryResumedBytes() {
        return budget.resumedBytes();
    }

    /** Bytes sent again after pipeline recoveries: packets in flight and not acknowledged when a pipeline broke. */
    public long recoveryResentBytes() {
        return budget.resentBytes();
    }

    /** The name being written: a hidden temporary for atomic uploads (see {@link #target()}). */
    public String path() {
        return path;
    }

    /** The name the file has once closed: {@link #path()}, or the upload's target. */
    public String target() {
        return publication == null ? path : publication.target();
    }

    /** The servers the block being written goes to, head first (diagnostics); empty between blocks. */
    public List<io.jdfs.protocol.DataServerRef> currentPipeline() {
        BlockWriter w = current;
        return w == null ? List.of() : w.pipeline();
    }

    /** The most bytes of packets this stream holds at once (its write buffer). */
    public long bufferLimit() {
        return budget.limit();
    }

    /** Bytes of packets held now: queued, or sent and not yet acknowledged by the whole pipeline. */
    public long bufferedBytes() {
        return budget.heldBytes();
    }

    /** The most bytes of packets held at once so far (never above {@link #bufferLimit()}). */
    public long peakBufferedBytes() {
        return budget.peakBytes();
    }

    /** Bytes written so far. */
    public long position() {
        return written;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream of " + path + " is closed");
        }
        if (off < 0 || len < 0 || off + len > b.length) {
            throw new IndexOutOfBoundsException();
        }
        while (len > 0) {
            if (current == null) {
                startBlock();
            }
            if (chunk == null) {
                chunk = PooledByteBufAllocator.DEFAULT.directBuffer(Protocol.PACKET_SIZE, Protocol.PACKET_SIZE);
            }
            int n = (int) Math.min(len, Math.min(chunk.writableBytes(), blockSize - blockBytes - chunk.readableBytes()));
            chunk.writeBytes(b, off, n);
            off += n;
            len -= n;
            written += n;
            if (chunk.readableBytes() == Protocol.PACKET_SIZE || blockBytes + chunk.readableBytes() == blockSize) {
                sendChunk(false);
            }
        }
        lastWrite.stamp();
    }

    /**
     * Writes up to {@code max} bytes read from {@code in}, read straight into the packets (no copy
     * through an array and the JDK's temporary direct buffer): how an upload moves a local file's
     * bytes. Returns the bytes written, or -1 when {@code in} was at its end before any.
     */
    public long transferFrom(java.nio.channels.ReadableByteChannel in, long max) throws IOException {
        if (closed) {
            throw new IOException("stream of " + path + " is closed");
        }
        long done = 0;
        while (done < max) {
            if (chunk == null) {
                chunk = PooledByteBufAllocator.DEFAULT.directBuffer(Protocol.PACKET_SIZE, Protocol.PACKET_SIZE);
            }
            // blockBytes is 0 between blocks, so the packet is sized for the block this data will start
            int n = (int) Math.min(max - done, Math.min(chunk.writableBytes(), blockSize - blockBytes - chunk.readableBytes()));
            int r = in.read(chunk.internalNioBuffer(chunk.writerIndex(), n));
            if (r < 0) {
                return done == 0 ? -1 : done;
            }
            chunk.writerIndex(chunk.writerIndex() + r);
            done += r;
            written += r;
            lastWrite.stamp();
            if (current == null && chunk.readableBytes() > 0) {
                startBlock(); // only once there is data for it: a file ending on a block boundary starts no empty block
            }
            if (chunk.readableBytes() == Protocol.PACKET_SIZE || blockBytes + chunk.readableBytes() == blockSize) {
                sendChunk(false);
            }
        }
        return done;
    }

    /**
     * Sends the packet being filled; it is the block's last when the block is full or the stream
     * closes (no separate empty packet: one hop and one ack less down the pipeline).
     */
    private void sendChunk(boolean closing) throws IOException {
        ByteBuf data = chunk;
        chunk = null;
        int n = data.readableBytes();
        try {
            acquire(n);
        } catch (IOException | RuntimeException e) {
            data.release(); // a failed block or an interrupt: the packet is never sent
            throw e;
        }
        blockBytes += n;
        boolean last = closing || blockBytes == blockSize;
        current.enqueue(data, last);
        if (last) {
            current = null;
            blockBytes = 0;
        }
    }

    private void endBlock() {
        current.enqueue(Unpooled.EMPTY_BUFFER, true);
        current = null;
        blockBytes = 0;
    }

    private void startBlock() throws IOException {
        checkFailures();
        collect();
        // at most blocksInFlight pipelines open: wait for the oldest unfinished one
        if (pending.size() >= blocksInFlight) {
            await(pending.get(0).writer());
            collect();
        }
        int index = finals.size();
        LocatedBlock lb = index == 0 && firstBlock != null
                && System.nanoTime() - createdNanos < firstBlockFreshNanos ? firstBlock
                : client.streams().addBlock(path, created.inodeId(), index);
        firstBlock = null;
        if (lb.locations().isEmpty()) {
            throw new DfsException(ErrorCode.INTERNAL, "the name server returned no target for block " + index);
        }
        BlockWriter w = client.streams().newBlockWriter(lb, budget, path, created.inodeId());
        finals.add(null);
        storedOn.add(List.of());
        pending.add(new Pending(index, w));
        current = w;
        blockBytes = 0;
        w.start();
    }

    private void acquire(int n) throws IOException {
        try {
            while (!budget.tryAcquire(n, 200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                checkFailures();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing " + path);
        }
    }

    private void checkFailures() throws IOException {
        for (Pending p : pending) {
            if (p.writer().done().isCompletedExceptionally()) {
                await(p.writer());
            }
        }
    }

    /** Keeps only the final {@link Block} of each block written: a long file holds no writer per block. */
    private void collect() {
        pending.removeIf(p -> {
            var done = p.writer().done();
            if (done.isDone() && !done.isCompletedExceptionally()) {
                finals.set(p.index(), done.join());
                storedOn.set(p.index(), p.writer().storedOn());
                return true;
            }
            return false;
        });
    }

    /** Block writers this stream still references (at most blocks in flight, plus finished ones not yet collected). */
    public int blockWritersHeld() {
        return pending.size();
    }

    private Block await(BlockWriter w) throws IOException {
        return w.await(path);
    }

    @Override
    public void flush() {
        // packets leave as soon as they are full; a partial packet waits for more data or close()
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            long t0 = System.nanoTime();
            if (chunk != null && chunk.readableBytes() > 0) {
                sendChunk(true);
            }
            if (current != null) {
                endBlock();
            }
            for (Pending p : pending) {
                finals.set(p.index(), await(p.writer()));
                storedOn.set(p.index(), p.writer().storedOn());
            }
            pending.clear();
            long t1 = System.nanoTime();
            dataNanos = t1 - t0;
            client.streams().complete(path, created.inodeId(), finals, storedOn, lastWrite);
            completeNanos = System.nanoTime() - t1;
            if (publication != null) {
                try {
                    publication.publish();
                } catch (IOException | RuntimeException e) {
                    publication.discard();
                    throw e;
                }
            }
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        } finally {
            if (chunk != null) {
                chunk.release();
                chunk = null;
            }
            client.streams().streamClosed(this);
        }
    }

    /** The client crashes (tests): its block writes stop without aborting, as a killed process's do. */
    void crash() {
        closed = true;
        for (Pending p : pending) {
            p.writer().fail(new IOException("the client of " + path + " crashed"), false);
        }
    }

    /**
     * Gives up: pipelines are closed; an upload's temporary is deleted, a directly written file is
     * closed by the name server when the lease expires (HDFS semantics).
     */
    public void abort() {
        boolean wasOpen = !closed;
        closed = true;
        for (Pending p : pending) {
            p.writer().abort(new IOException("write of " + path + " aborted"));
        }
        if (publication != null && wasOpen) {
            publication.discard();
        }
    }
}
