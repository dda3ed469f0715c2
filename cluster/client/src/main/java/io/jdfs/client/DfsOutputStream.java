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
 * block writers hold (kept until their block is done, for a pipeline recovery) reach the budget, which
 * is at least one block. {@link #close()} waits for every block and completes the file;
 * until then readers do not see it whole.
 */
public final class DfsOutputStream extends OutputStream {
    private static final long MAX_BUFFERED = 64L << 20;
    /** System property: the most bytes of packets a stream holds (default 64 MiB), raised to one block if smaller. */
    public static final String BUFFER_PROPERTY = "jdfs.client.writeBufferBytes";

    private final DfsClient client;
    private final String path;
    private final FileStatus created;
    private final long blockSize;
    private final int blocksInFlight;
    private final WriteBudget budget;
    private final List<BlockWriter> blocks = new ArrayList<>();
    private BlockWriter current;
    private long blockBytes;
    private ByteBuf chunk;
    private long written;
    private boolean closed;
    /** For uploads written under a hidden temporary name: renames it into place, or deletes it. */
    private final Publication publication;

    /** What happens to a file written under a temporary name once it is whole, or abandoned. */
    interface Publication {
        String target();

        void publish() throws IOException;

        void discard();
    }

    /** Block 0 as allocated by the create call, until the first write uses it. */
    private LocatedBlock firstBlock;
    private final long createdNanos = System.nanoTime();
    /** Older than this, block 0's pipeline and token are asked for again (servers may have gone). */
    private static final long FIRST_BLOCK_FRESH_NANOS = 60_000_000_000L;

    DfsOutputStream(DfsClient client, String path, FileStatus created, int blocksInFlight, Publication publication,
                    LocatedBlock firstBlock) {
        this.publication = publication;
        this.firstBlock = firstBlock;
        this.client = client;
        this.path = path;
        this.created = created;
        this.blockSize = created.blockSize();
        this.blocksInFlight = blocksInFlight;
        long most = Long.getLong(BUFFER_PROPERTY, MAX_BUFFERED);
        long budgetBytes = Math.max(blockSize, Math.min(most, Math.max(Protocol.PACKET_SIZE * 4L, blockSize * blocksInFlight)));
        this.budget = new WriteBudget(budgetBytes);
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

    /** Bytes of packets held now: queued, in flight, or kept for a pipeline recovery until their block is done. */
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
        // at most blocksInFlight pipelines open: wait for the oldest unfinished one
        long unfinished = blocks.stream().filter(w -> !w.done().isDone()).count();
        if (unfinished >= blocksInFlight) {
            for (BlockWriter w : blocks) {
                if (!w.done().isDone()) {
                    await(w);
                    break;
                }
            }
        }
        LocatedBlock lb = blocks.isEmpty() && firstBlock != null
                && System.nanoTime() - createdNanos < FIRST_BLOCK_FRESH_NANOS ? firstBlock
                : client.streams().addBlock(path, created.inodeId(), blocks.size());
        firstBlock = null;
        if (lb.locations().isEmpty()) {
            throw new DfsException(ErrorCode.INTERNAL, "the name server returned no target for block " + blocks.size());
        }
        BlockWriter w = client.streams().newBlockWriter(lb, budget, path, created.inodeId());
        blocks.add(w);
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
        for (BlockWriter w : blocks) {
            if (w.done().isCompletedExceptionally()) {
                await(w);
            }
        }
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
            if (chunk != null && chunk.readableBytes() > 0) {
                sendChunk(true);
            }
            if (current != null) {
                endBlock();
            }
            List<Block> finals = new ArrayList<>(blocks.size());
            for (BlockWriter w : blocks) {
                finals.add(await(w));
            }
            client.streams().complete(path, created.inodeId(), finals);
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

    /**
     * Gives up: pipelines are closed; an upload's temporary is deleted, a directly written file is
     * closed by the name server when the lease expires (HDFS semantics).
     */
    public void abort() {
        boolean wasOpen = !closed;
        closed = true;
        for (BlockWriter w : blocks) {
            w.abort(new IOException("write of " + path + " aborted"));
        }
        if (publication != null && wasOpen) {
            publication.discard();
        }
    }
}
