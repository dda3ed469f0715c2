package io.jdfs.client;

import io.jdfs.client.ReadAhead.Segment;
import io.jdfs.client.internal.BlockReader;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.Errors;
import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.StaleFileException;
import io.netty.buffer.ByteBuf;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Reads a file. Sequential reads fetch segments (up to 4 MiB, never across a block) ahead of the
 * reader, several at once from different servers ({@link ReadAhead}); {@link #pread} reads any range without moving the
 * stream. Every byte is checked against its CRC32C; a bad or unreachable replica is skipped.
 * Sequential reads are for one thread; {@link #pread} may be called from several at once.
 */
public final class DfsInputStream extends InputStream {
    private static final int LOCATE_RETRIES = 1;
    /** Extra rounds of fresh locations when no replica of a block answered (waits 0.25+0.5+1+2 s). */
    private static final int READ_RETRIES = 4;
    /** Fresh locations after a failed read: 250 ms doubling to 2 s. */
    private static final io.jdfs.rpc.RetryPolicy RELOCATE = io.jdfs.rpc.RetryPolicy.backoff(250, 2_000).maxRetries(READ_RETRIES);

    private final DfsClient client;
    private final String path;
    /** The inode opened: every later lookup asks for it, never for the path (which may be replaced). */
    private final long inodeId;
    private final BlockReader reader;
    private final ReadAhead window;
    private final TreeMap<Long, LocatedBlock> blocks = new TreeMap<>();
    private FileStatus status;
    private volatile long length;
    private long pos;
    private boolean closed;

    DfsInputStream(DfsClient client, String path, Reply.BlockLocationsReply first, BlockReader reader,
                   long readAheadBytes) throws StaleFileException {
        this.client = client;
        this.path = path;
        this.inodeId = first.status().inodeId();
        this.reader = reader;
        this.window = new ReadAhead(this::blockAt, reader, readAheadBytes);
        absorb(first);
    }

    private synchronized void absorb(Reply.BlockLocationsReply r) throws StaleFileException {
        if (r.status().inodeId() != inodeId) {
            throw new StaleFileException(path + " changed while being read (inode " + inodeId + " became "
                    + r.status().inodeId() + "): read it again");
        }
        for (LocatedBlock b : r.blocks()) {
            LocatedBlock known = blocks.get(b.offset());
            if (known != null && known.block().id() != b.block().id()) {
                // a second guard: one stream never serves bytes of two different blocks at one offset
                throw new StaleFileException(path + " changed while being read (block " + known.block().id()
                        + " at offset " + b.offset() + " became " + b.block().id() + "): read it again");
            }
        }
        status = r.status();
        for (LocatedBlock b : r.blocks()) {
            blocks.put(b.offset(), b);
        }
        length = 0;
        if (!blocks.isEmpty()) {
            Map.Entry<Long, LocatedBlock> last = blocks.lastEntry();
            length = Math.max(status.length(), last.getValue().end());
        }
        length = Math.max(length, status.length());
    }

    public FileStatus status() {
        return status;
    }

    public long length() {
        return length;
    }

    public long getPos() {
        return pos;
    }

    /**
     * Whether the bytes at {@code p} are in the segment the stream is reading now, so a seek back
     * there is served from memory (a seek behind it would drop the read-ahead and fetch again).
     */
    public boolean holds(long p) {
        return window.holds(p);
    }

    /** Moves the read position; the next read starts there. */
    public void seek(long newPos) throws IOException {
        checkOpen();
        if (newPos < 0) {
            throw new EOFException("cannot seek to a negative position");
        }
        pos = newPos;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        checkOpen();
        if (len == 0) {
            return 0;
        }
        if (pos >= length) {
            return -1;
        }
        Segment s = readySegment();
        ByteBuf data = s.data().join();
        int inSeg = (int) (pos - s.start());
        int n = Math.min(len, s.length() - inSeg);
        data.getBytes(data.readerIndex() + inSeg, b, off, n);
        pos += n;
        return n;
    }

    /**
     * Reads into {@code dst} (direct or heap) from the bytes as the client received them: one copy, no
     * array between. Returns the bytes read (up to {@code dst.remaining()}, fewer at the end of a
     * segment), or -1 at the end of the file; moves the position and {@code dst}'s position.
     */
    public int read(ByteBuffer dst) throws IOException {
        checkOpen();
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (pos >= length) {
            return -1;
        }
        Segment s = readySegment();
        ByteBuf data = s.data().join();
        int inSeg = (int) (pos - s.start());
        int n = Math.min(dst.remaining(), s.length() - inSeg);
        int limit = dst.limit();
        dst.limit(dst.position() + n);
        try {
            data.getBytes(data.readerIndex() + inSeg, dst);
        } finally {
            dst.limit(limit);
        }
        pos += n;
        return n;
    }

    /**
     * Hands the next {@code count} bytes (fewer at the end of the file) to {@code sink} as the
     * client received them, without copying them into an array: for a caller that writes them on
     * (a socket, a file channel). The buffers are read-only and valid only during the call.
     * Moves the position; returns the bytes handed over.
     */
    public long transferTo(long count, ByteBufferSink sink) throws IOException {
        checkOpen();
        long done = 0;
        while (done < count && pos < length) {
            Segment s = readySegment();
            ByteBuf data = s.data().join();
            int inSeg = (int) (pos - s.start());
            int n = (int) Math.min(count - done, s.length() - inSeg);
            for (ByteBuffer b : data.nioBuffers(data.readerIndex() + inSeg, n)) {
                sink.write(b.asReadOnlyBuffer());
            }
            pos += n;
            done += n;
        }
        return done;
    }

    /** Copies the rest of the stream to {@code out} in the client's own buffers (no 8 KiB steps). */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        checkOpen();
        byte[] buf = new byte[(int) Math.min(ReadAhead.SEGMENT, Math.max(1, length - pos))];
        long total = 0;
        for (int n; (n = read(buf, 0, buf.length)) > 0; ) {
            out.write(buf, 0, n);
            total += n;
        }
        return total;
    }

    /** The segment holding {@code pos}, its bytes arrived (after fresh locations if no replica answered). */
    private Segment readySegment() throws IOException {
        Segment s = window.at(pos, length);
        try {
            await(s.data());
        } catch (IOException first) {
            s = retrySegment(first);
        }
        return s;
    }

    @Override
    public long skip(long n) throws IOException {
        long target = Math.min(length, pos + Math.max(0, n));
        long skipped = target - pos;
        pos = target;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, length - pos));
    }

    /**
     * Positional read: up to {@code len} bytes at {@code position}, without moving the stream.
     * Returns -1 at or past the end of the file.
     */
    public int pread(long position, byte[] b, int off, int len) throws IOException {
        checkOpen();
        if (position < 0) {
            throw new EOFException("negative position");
        }
        if (position >= length) {
            return -1;
        }
        int total = 0;
        long p = position;
        int remaining = (int) Math.min(len, length - position);
        while (remaining > 0) {
            LocatedBlock lb = blockAt(p);
            long inBlock = p - lb.offset();
            int n = (int) Math.min(remaining, lb.block().length() - inBlock);
            ByteBuf data = preadBlock(lb, p, inBlock, n);
            try {
                data.getBytes(data.readerIndex(), b, off + total, n);
            } finally {
                data.release();
            }
            total += n;
            p += n;
            remaining -= n;
        }
        return total;
    }

    /** Reads exactly {@code len} bytes at {@code position} or fails with EOFException. */
    public void readFully(long position, byte[] b, int off, int len) throws IOException {
        int n = pread(position, b, off, len);
        if (n < len) {
            throw new EOFException("only " + Math.max(0, n) + " of " + len + " bytes at " + position + " in " + path);
        }
    }

    /**
     * No replica answered: perhaps the name server restarted and has not heard from its data servers
     * yet, or the replicas moved. Ask for fresh locations a few times, with growing pauses.
     */
    private Segment retrySegment(IOException first) throws IOException {
        IOException last = first;
        for (int attempt = 0; attempt < READ_RETRIES; attempt++) {
            pause(attempt);
            window.clear();
            absorb(client.streams().locateOpened(inodeId, path, pos));
            Segment s = window.at(pos, length);
            try {
                await(s.data());
                return s;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private ByteBuf preadBlock(LocatedBlock lb, long p, long inBlock, int n) throws IOException {
        try {
            return await(reader.read(lb, inBlock, n));
        } catch (IOException first) {
            IOException last = first;
            for (int attempt = 0; attempt < READ_RETRIES; attempt++) {
                pause(attempt);
                absorb(client.streams().locateOpened(inodeId, path, p));
                LocatedBlock fresh = blockAt(p);
                try {
                    return await(reader.read(fresh, inBlock, n));
                } catch (IOException e) {
                    last = e;
                }
            }
            throw last;
        }
    }

    private static void pause(int attempt) throws IOException {
        try {
            Thread.sleep(RELOCATE.delay(attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    private synchronized LocatedBlock blockAt(long p) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Map.Entry<Long, LocatedBlock> e = blocks.floorEntry(p);
            if (e != null && p < e.getValue().end()) {
                return e.getValue();
            }
            if (attempt > LOCATE_RETRIES) {
                throw new DfsException(ErrorCode.INTERNAL, "no block of " + path + " covers offset " + p);
            }
            absorb(client.streams().locateOpened(inodeId, path, p));
        }
    }

    private ByteBuf await(CompletableFuture<ByteBuf> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + path);
        } catch (ExecutionException e) {
            IOException io = Errors.asIOException(e);
            throw new IOException("reading " + path + " failed: " + io.getMessage(), io);
        }
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("stream of " + path + " is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        window.clear();
        client.streams().readerClosed(this, inodeId);
    }

    List<LocatedBlock> knownBlocks() {
        return List.copyOf(blocks.values());
    }
}
