package io.jdfs.fuse;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsInputStream;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.protocol.FileStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The state of one file open for writing, shared by every handle open on its path.
 * <p>
 * The cluster's files are write-once, so: writes that start at 0 on an empty file stream straight
 * into {@link DfsClient#create} (STREAMING, the fast common case: cp, tar, rsync). Anything else
 * (a write behind the end, O_APPEND on existing data, truncate to a non-zero size, reading back
 * while streaming) copies the file to a local spill file (SPILL) that takes the changes, and the
 * spill file is committed as a new version: uploaded to a temporary sibling and renamed over the
 * original, so readers see the old or the new content, never a mix. Commits happen on flush, fsync
 * and release. Not thread-safe on its own: every method is synchronized.
 */
final class WriteBack {
    private static final Logger LOG = LoggerFactory.getLogger(WriteBack.class);
    /** A hole this large in a stream is cheaper as a sparse spill file than as zeros on the wire. */
    private static final long MAX_ZERO_FILL = 16L << 20;
    private static final byte[] ZEROS = new byte[64 * 1024];

    private enum Mode { CLEAN, STREAMING, SPILL }

    private final DfsClient client;
    private final Path spillDir;
    private String path;
    private int perms;
    private Mode mode;
    private DfsOutputStream out;
    private FileChannel spill;
    private Path spillFile;
    private DfsInputStream reader;
    private long size;
    private boolean dirty;
    private boolean discarded;
    private int refs;

    private WriteBack(DfsClient client, Path spillDir, String path, int perms, long size, Mode mode, DfsOutputStream out) {
        this.client = client;
        this.spillDir = spillDir;
        this.path = path;
        this.perms = perms;
        this.size = size;
        this.mode = mode;
        this.out = out;
    }

    /** A file just created: its bytes stream into {@code out}. */
    static WriteBack created(DfsClient client, Path spillDir, String path, int perms, DfsOutputStream out) {
        return new WriteBack(client, spillDir, path, perms, 0, Mode.STREAMING, out);
    }

    /** An existing file opened for writing: nothing happens until the first change. */
    static WriteBack existing(DfsClient client, Path spillDir, FileStatus st) {
        return new WriteBack(client, spillDir, st.path(), st.mode() & 07777, st.length(), Mode.CLEAN, null);
    }

    synchronized String path() {
        return path;
    }

    /** The file was renamed: commits go to its new name. */
    synchronized void moved(String newPath) {
        this.path = newPath;
    }

    synchronized long size() {
        return size;
    }

    synchronized void retain() {
        refs++;
    }

    /** Drops one handle; true when it was the last (the caller then commits and closes). */
    synchronized boolean release() {
        return --refs <= 0;
    }

    synchronized void setPerms(int p) {
        perms = p & 07777;
    }

    synchronized void write(long offset, byte[] b, int len) throws IOException {
        if (mode == Mode.CLEAN && size == 0 && offset == 0 && !discarded) {
            startStream();
        }
        if (mode == Mode.STREAMING) {
            long pos = out.position();
            if (offset > pos && offset - pos <= MAX_ZERO_FILL) {
                zeroFill(offset - pos);
                pos = offset;
            }
            if (offset == pos) {
                out.write(b, 0, len);
                size = Math.max(size, offset + len);
                return;
            }
        }
        if (mode != Mode.SPILL) {
            toSpill();
        }
        writeSpill(offset, ByteBuffer.wrap(b, 0, len));
        size = Math.max(size, offset + len);
        dirty = true;
    }

    /** Reads what this file holds now, including what is not committed yet; -1 at the end. */
    synchronized int read(long offset, byte[] b, int len) throws IOException {
        if (offset >= size) {
            return -1;
        }
        int want = (int) Math.min(len, size - offset);
        if (mode == Mode.STREAMING) {
            toSpill(); // the bytes in flight cannot be read back from the cluster yet
        }
        if (mode == Mode.SPILL) {
            ByteBuffer bb = ByteBuffer.wrap(b, 0, want);
            while (bb.hasRemaining()) {
                int n = spill.read(bb, offset + bb.position());
                if (n < 0) {
                    java.util.Arrays.fill(b, bb.position(), want, (byte) 0); // a sparse tail
                    break;
                }
            }
            return want;
        }
        if (reader == null) {
            reader = client.open(path);
        }
        int done = 0;
        while (done < want) {
            int n = reader.pread(offset + done, b, done, want - done);
            if (n <= 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    synchronized void truncate(long newSize) throws IOException {
        if (newSize == size && mode != Mode.CLEAN) {
            return;
        }
        if (mode == Mode.STREAMING && newSize > size && newSize - size <= MAX_ZERO_FILL) {
            zeroFill(newSize - size);
            size = newSize;
            return;
        }
        if (newSize == 0 && mode != Mode.SPILL) {
            if (mode == Mode.STREAMING) {
                finishStream();
            }
            startStream(); // replaces the file on the cluster at once, as truncate does
            size = 0;
            return;
        }
        if (newSize == size) {
            return;
        }
        if (mode != Mode.SPILL) {
            toSpill();
        }
        if (newSize < spill.size()) {
            spill.truncate(newSize);
        } else if (newSize > 0) {
            writeSpill(newSize - 1, ByteBuffer.wrap(new byte[1])); // extends sparsely
        }
        size = newSize;
        dirty = true;
    }

    /** Makes everything written so far durable on the cluster (flush, fsync, release). */
    synchronized void commit() throws IOException {
        if (discarded) {
            return;
        }
        if (mode == Mode.STREAMING) {
            finishStream();
        } else if (mode == Mode.SPILL && dirty) {
            upload();
            dirty = false;
        }
    }

    /**
     * The file is about to be deleted, or replaced by a rename, while open: its handles keep working
     * on a local copy (as POSIX keeps an unlinked file alive), and nothing is committed any more.
     */
    synchronized void unlinked() throws IOException {
        if (!discarded) {
            if (mode != Mode.SPILL) {
                toSpill();
            }
            discarded = true;
        }
    }

    /** Frees the local resources (after the last release). */
    synchronized void close() {
        if (out != null) {
            out.abort();
            out = null;
        }
        closeReader();
        closeSpill();
    }

    private void startStream() throws IOException {
        closeReader();
        Identity kept = Identity.of(client, path);
        out = client.create(path, CreateOptions.overwriting().withMode(perms));
        kept.restore(client, path);
        mode = Mode.STREAMING;
        size = 0;
    }

    private void finishStream() throws IOException {
        DfsOutputStream o = out;
        out = null;
        mode = Mode.CLEAN;
        o.close();
    }

    private void zeroFill(long n) throws IOException {
        long left = n;
        while (left > 0) {
            int k = (int) Math.min(ZEROS.length, left);
            out.write(ZEROS, 0, k);
            left -= k;
        }
    }

    /** Copies the committed content to a local file that takes further changes. */
    private void toSpill() throws IOException {
        if (mode == Mode.STREAMING) {
            finishStream();
        }
        closeReader();
        Files.createDirectories(spillDir);
        spillFile = Files.createTempFile(spillDir, "spill-", ".data");
        spill = FileChannel.open(spillFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long copied = 0;
        if (size > 0) {
            byte[] buf = new byte[1 << 20];
            try (DfsInputStream in = client.open(path)) {
                int n;
                while ((n = in.read(buf, 0, buf.length)) > 0) {
                    writeSpill(copied, ByteBuffer.wrap(buf, 0, n));
                    copied += n;
                }
            }
        }
        LOG.debug("{}: staged {} bytes in {} for a rewrite", path, copied, spillFile);
        size = copied;
        mode = Mode.SPILL;
        dirty = false;
    }

    private void writeSpill(long offset, ByteBuffer bb) throws IOException {
        long p = offset;
        while (bb.hasRemaining()) {
            p += spill.write(bb, p);
        }
    }

    private void upload() throws IOException {
        String tmp = FusePaths.tempSibling(path);
        DfsOutputStream o = client.create(tmp, CreateOptions.defaults().withMode(perms));
        try {
            ByteBuffer bb = ByteBuffer.allocate(1 << 20);
            long p = 0;
            while (p < size) {
                bb.clear();
                if (size - p < bb.capacity()) {
                    bb.limit((int) (size - p));
                }
                int n = spill.read(bb, p);
                if (n < 0) {
                    // sparse tail past the last written byte
                    java.util.Arrays.fill(bb.array(), 0, bb.limit(), (byte) 0);
                    n = bb.limit();
                    bb.position(n);
                }
                o.write(bb.array(), 0, bb.position());
                p += bb.position();
            }
            o.close();
        } catch (IOException | RuntimeException e) {
            o.abort();
            try {
                client.delete(tmp, false);
            } catch (IOException ignored) {
                // the lease expiry removes nothing, but the name is hidden from listings anyway
            }
            throw e;
        }
        Identity kept = Identity.of(client, path);
        client.rename(tmp, path, true);
        kept.restore(client, path);
        LOG.debug("{}: committed a rewrite of {} bytes", path, size);
    }

    private void closeReader() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    private void closeSpill() {
        if (spill != null) {
            try {
                spill.close();
                Files.deleteIfExists(spillFile);
            } catch (IOException e) {
                LOG.warn("could not remove the spill file {}: {}", spillFile, e.toString());
            }
            spill = null;
        }
    }
}
