package io.jdfs.client;

import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.Reply;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.util.Set;

/**
 * An open file with POSIX-like calls, for the gateways: positional reads and writes anywhere,
 * truncate, append, flush/fsync, close. A handle opened for writing holds the file's lease; its
 * changes stay private to it (it reads back what it wrote) until {@link #flush()}, {@link #fsync()}
 * or {@link #close()} commits them: each changed block is written as a new block and all are swapped
 * in at once, so changing 4 KiB of a large file costs one block, and readers see every block either
 * old or new. Sequential writes stream to the data servers as each block fills. Memory is bounded:
 * past {@link ClientConfig}'s write-back limit the handle commits on its own. Thread-safe.
 */
public final class DfsFile implements Closeable {
    private final DfsClient client;
    private final String path;
    private final Set<OpenFlag> flags;
    private final FileStatus opened;
    private final FileBlocks blocks;
    private long position;
    private boolean closed;

    DfsFile(DfsClient client, String path, Set<OpenFlag> flags, Reply.BlockLocationsReply reply, long maxDirtyBytes,
            int blocksInFlight) {
        this.client = client;
        this.path = path;
        this.flags = Set.copyOf(flags);
        this.opened = reply.status();
        this.blocks = new FileBlocks(client, path, reply, maxDirtyBytes, blocksInFlight);
    }

    public String path() {
        return path;
    }

    /** The status when opened (inode id, block size, owner...); {@link #length()} is current. */
    public FileStatus openedStatus() {
        return opened;
    }

    public long inodeId() {
        return blocks.inodeId();
    }

    public boolean writable() {
        return flags.contains(OpenFlag.WRITE);
    }

    /** The length as this handle sees it, its own uncommitted writes included. */
    public synchronized long length() {
        return blocks.size();
    }

    /**
     * Wall-clock nanoseconds of this handle's last write or truncate not committed yet, 0 when there is
     * none: the mtime the commit will give the file when this machine's clock agrees with the name
     * server's (a gateway shows it before then, as stat would; the name server dates the write by its age).
     */
    public synchronized long uncommittedChangeNanos() {
        return blocks.uncommittedChangeNanos();
    }

    /** Reads up to {@code len} bytes at {@code pos}; -1 at or past the end. */
    public synchronized int pread(long pos, byte[] buf, int off, int len) throws IOException {
        checkOpen();
        if (pos < 0) {
            throw new EOFException("negative position " + pos);
        }
        if (pos >= blocks.size()) {
            return len == 0 ? 0 : -1;
        }
        int n = (int) Math.min(len, blocks.size() - pos);
        blocks.read(pos, buf, off, n);
        return n;
    }

    /** Reads at the handle's position and moves it. */
    public synchronized int read(byte[] buf, int off, int len) throws IOException {
        int n = pread(position, buf, off, len);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    /** Writes {@code len} bytes at {@code pos} (at the end with {@link OpenFlag#APPEND}); a gap reads as zeros. */
    public synchronized void pwrite(long pos, byte[] buf, int off, int len) throws IOException {
        checkWritable();
        if (pos < 0) {
            throw new EOFException("negative position " + pos);
        }
        if (off < 0 || len < 0 || off + len > buf.length) {
            throw new IndexOutOfBoundsException();
        }
        blocks.write(flags.contains(OpenFlag.APPEND) ? blocks.size() : pos, buf, off, len);
    }

    /** Writes at the handle's position (the end with {@link OpenFlag#APPEND}) and moves it. */
    public synchronized void write(byte[] buf, int off, int len) throws IOException {
        long at = flags.contains(OpenFlag.APPEND) ? blocks.size() : position;
        pwrite(at, buf, off, len);
        position = at + len;
    }

    public synchronized void seek(long pos) throws IOException {
        checkOpen();
        if (pos < 0) {
            throw new EOFException("negative position " + pos);
        }
        position = pos;
    }

    public synchronized long position() {
        return position;
    }

    /** Cuts or extends the file; an extension reads as zeros and takes no space (a hole). */
    public synchronized void truncate(long length) throws IOException {
        checkWritable();
        if (length < 0) {
            throw new IllegalArgumentException("a file cannot be " + length + " bytes long");
        }
        blocks.truncate(length);
    }

    /** Makes what was written visible to new readers and durable (every replica, the journal). */
    public synchronized void flush() throws IOException {
        checkOpen();
        if (writable()) {
            blocks.commit(false);
        }
    }

    /** As {@link #flush()}: a commit is durable when it returns. */
    public void fsync() throws IOException {
        flush();
    }

    /** Commits what is left and gives up the lease (a write handle) and the read hold. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (writable()) {
                blocks.commit(true);
            }
        } catch (IOException | RuntimeException e) {
            blocks.discard(); // the lease lapses and the name server drops what was written for nothing
            throw e;
        } finally {
            client.streams().fileClosed(this);
        }
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException(path + " is closed");
        }
    }

    private void checkWritable() throws IOException {
        checkOpen();
        if (!writable()) {
            throw new io.jdfs.protocol.DfsException(io.jdfs.protocol.ErrorCode.PERMISSION_DENIED,
                    path + " was opened read-only");
        }
    }
}
