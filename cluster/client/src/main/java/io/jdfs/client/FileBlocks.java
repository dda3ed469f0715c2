package io.jdfs.client;

import io.jdfs.client.internal.BlockWriter;
import io.jdfs.client.internal.WriteBudget;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.Errors;
import io.jdfs.protocol.IndexedBlock;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The blocks of a file open through a {@link DfsFile}, by index: the committed ones (located lazily),
 * dirty copies being changed in memory, and new blocks written to the data servers but not yet swapped
 * in. {@link #commit} writes what is dirty as new blocks (copy-on-write) and swaps them all in with one
 * name-server call, so readers see each block old or new, never half of one. Not thread-safe: the
 * {@link DfsFile} serialises calls.
 */
final class FileBlocks {
    private final DfsClient client;
    private final String path;
    private final long inodeId;
    private final long blockSize;
    private final long maxDirtyBytes;
    private final WriteBudget budget;
    /** Committed blocks with their locations, by index (a cache: asked for again when missing or stale). */
    private final TreeMap<Integer, LocatedBlock> located = new TreeMap<>();
    private final TreeMap<Integer, byte[]> dirty = new TreeMap<>();
    /** The last write or truncate: sent with the commit, it becomes the mtime. */
    private final LastWrite lastChange = new LastWrite();
    private final TreeMap<Integer, Upload> uploads = new TreeMap<>();
    /** Blocks of the committed list still valid: a truncate below them makes later ones holes or dirty. */
    private int kept;
    private int committedCount;
    private long committedSize;
    private long size;

    /** A block written to a pipeline, not swapped in yet; its bytes are kept until the write is done. */
    private static final class Upload {
        final BlockWriter writer;
        volatile byte[] data;

        Upload(BlockWriter writer, byte[] data) {
            this.writer = writer;
            this.data = data;
        }
    }

    FileBlocks(DfsClient client, String path, Reply.BlockLocationsReply opened, long maxDirtyBytes, int blocksInFlight) {
        this.client = client;
        this.path = path;
        this.inodeId = opened.status().inodeId();
        this.blockSize = opened.status().blockSize();
        this.maxDirtyBytes = Math.max(blockSize, maxDirtyBytes);
        // a block writer gives a packet's bytes back on its ack: no whole block needs to fit
        this.budget = new WriteBudget(WriteBudget.bytesFor(blockSize, blocksInFlight, DfsOutputStream.maxBufferedBytes()));
        this.size = opened.status().length();
        this.committedSize = size;
        this.committedCount = count(size);
        this.kept = committedCount;
        absorb(opened);
    }

    long inodeId() {
        return inodeId;
    }

    long size() {
        return size;
    }

    boolean changed() {
        return !dirty.isEmpty() || !uploads.isEmpty() || size != committedSize || kept != committedCount;
    }

    /** Wall-clock time of the last write or truncate not committed yet (the mtime the commit gives); 0: none. */
    long uncommittedChangeNanos() {
        return changed() ? lastChange.wallNanos() : 0;
    }

    private int count(long bytes) {
        return (int) ((bytes + blockSize - 1) / blockSize);
    }

    // ---- reading -------------------------------------------------------------------------------

    /** Copies {@code len} bytes at {@code pos} (all inside the file) into {@code out}. */
    void read(long pos, byte[] out, int off, int len) throws IOException {
        while (len > 0) {
            int idx = (int) (pos / blockSize);
            int in = (int) (pos % blockSize);
            int n = (int) Math.min(len, blockSize - in);
            byte[] d = dirty.get(idx);
            Upload u = uploads.get(idx);
            if (d == null && u != null) {
                d = contentOf(idx, u);
            }
            if (d != null) {
                System.arraycopy(d, in, out, off, n);
            } else if (idx < kept) {
                readCommitted(idx, in, out, off, n);
            } else {
                java.util.Arrays.fill(out, off, off + n, (byte) 0);
            }
            pos += n;
            off += n;
            len -= n;
        }
    }

    /** Bytes of a committed block; past its end (a grown last block) they are zeros. */
    private void readCommitted(int idx, int in, byte[] out, int off, int n) throws IOException {
        LocatedBlock lb = locate(idx);
        int avail = (int) Math.max(0, Math.min(n, lb.block().length() - in));
        if (avail > 0) {
            ByteBuf data;
            try {
                data = await(client.streams().blockReader().read(lb, in, avail));
            } catch (IOException stale) {
                located.remove(idx); // replicas moved, or the name server restarted: ask again once
                data = await(client.streams().blockReader().read(locate(idx), in, avail));
            }
            try {
                data.getBytes(data.readerIndex(), out, off, avail);
            } finally {
                data.release();
            }
        }
        java.util.Arrays.fill(out, off + avail, off + n, (byte) 0);
    }

    private LocatedBlock locate(int idx) throws IOException {
        LocatedBlock lb = located.get(idx);
        if (lb == null) {
            absorb(client.streams().locateOpened(inodeId, path, idx * blockSize));
            lb = located.get(idx);
            if (lb == null) {
                throw new IOException("the name server did not locate block " + idx + " of " + path);
            }
        }
        return lb;
    }

    private void absorb(Reply.BlockLocationsReply r) {
        for (LocatedBlock b : r.blocks()) {
            located.put((int) (b.offset() / blockSize), b);
        }
    }

    // ---- writing -------------------------------------------------------------------------------

    void write(long pos, byte[] src, int off, int len) throws IOException {
        lastChange.stamp(); // before a write-back inside, which commits what came before
        while (len > 0) {
            int idx = (int) (pos / blockSize);
            int in = (int) (pos % blockSize);
            int n = (int) Math.min(len, blockSize - in);
            byte[] d = dirtyFor(idx, in == 0 && n == blockSize);
            System.arraycopy(src, off, d, in, n);
            pos += n;
            off += n;
            len -= n;
            size = Math.max(size, pos);
            if (in + n == blockSize) {
                upload(idx); // a block written to its end: stream it now, several in flight
            }
        }
        lastChange.stamp();
    }

    /** Shrinks or grows the file; a grown range reads as zeros and is stored as holes. */
    void truncate(long newSize) throws IOException {
        lastChange.stamp();
        if (newSize < size) {
            int partial = (int) (newSize / blockSize);
            int tail = (int) (newSize % blockSize);
            if (tail != 0 && (dirty.containsKey(partial) || uploads.containsKey(partial) || partial < kept)) {
                // first (a write-back here still sees the old size), then the cut bytes become zeros
                byte[] d = dirtyFor(partial, false);
                java.util.Arrays.fill(d, tail, d.length, (byte) 0);
            }
            int firstGone = tail == 0 ? partial : partial + 1;
            dirty.tailMap(firstGone).clear();
            uploads.tailMap(firstGone).clear(); // written for nothing: the name server drops them at close
            kept = Math.min(kept, partial);
        }
        size = newSize;
    }

    /** The dirty copy of a block, made from what it holds now unless the caller overwrites all of it. */
    private byte[] dirtyFor(int idx, boolean whole) throws IOException {
        byte[] d = dirty.get(idx);
        if (d != null) {
            return d;
        }
        if ((long) (dirty.size() + unfinishedUploads() + 1) * blockSize > maxDirtyBytes) {
            commit(false); // bounded memory: write back what is dirty, as the kernel's writeback does
        }
        return makeDirty(idx, whole);
    }

    private byte[] makeDirty(int idx, boolean whole) throws IOException {
        byte[] d;
        Upload u = uploads.remove(idx);
        if (u != null) {
            d = contentOf(idx, u);
        } else if (whole) {
            d = new byte[(int) blockSize];
        } else {
            d = new byte[(int) blockSize];
            if (idx < kept) {
                readCommitted(idx, 0, d, 0, (int) Math.min(blockSize, committedSize - (long) idx * blockSize));
            }
        }
        dirty.put(idx, d);
        return d;
    }

    private int unfinishedUploads() {
        int n = 0;
        for (Upload u : uploads.values()) {
            if (u.data != null) {
                n++;
            }
        }
        return n;
    }

    /** The bytes of an uploaded block: kept in memory while writing, else read back from its pipeline. */
    private byte[] contentOf(int idx, Upload u) throws IOException {
        Block b = await(u.writer);
        byte[] d = u.data;
        if (d != null) {
            return d.clone();
        }
        d = new byte[(int) blockSize];
        LocatedBlock lb = new LocatedBlock(b, (long) idx * blockSize, u.writer.pipeline(), u.writer.token());
        ByteBuf data = await(client.streams().blockReader().read(lb, 0, (int) b.length()));
        try {
            data.getBytes(data.readerIndex(), d, 0, (int) b.length());
        } finally {
            data.release();
        }
        return d;
    }

    /** Starts writing a dirty block as a new block; its bytes are freed once the pipeline has them. */
    private void upload(int idx) throws IOException {
        byte[] d = dirty.remove(idx);
        int length = (int) Math.min(blockSize, size - (long) idx * blockSize);
        if (d == null || length <= 0) {
            return;
        }
        LocatedBlock lb = client.streams().allocateBlock(path, inodeId);
        BlockWriter w = client.streams().newBlockWriter(lb, budget, path, inodeId);
        Upload u = new Upload(w, d);
        uploads.put(idx, u);
        w.start();
        for (int at = 0; at < length; at += Protocol.PACKET_SIZE) {
            int n = Math.min(Protocol.PACKET_SIZE, length - at);
            acquire(n, w);
            w.enqueue(Unpooled.wrappedBuffer(d, at, n), false);
        }
        w.enqueue(Unpooled.EMPTY_BUFFER, true);
        w.done().whenComplete((b, e) -> {
            if (e == null) {
                u.data = null;
            }
        });
    }

    private void acquire(int n, BlockWriter w) throws IOException {
        try {
            while (!budget.tryAcquire(n, 200, TimeUnit.MILLISECONDS)) {
                if (w.done().isCompletedExceptionally()) {
                    await(w);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing " + path);
        }
    }

    /**
     * Writes every dirty block, waits for every upload, and swaps them in with the new size in one
     * call (durable on the data servers and in the journal when it returns). {@code close} also ends
     * the lease.
     */
    void commit(boolean close) throws IOException {
        if (!changed() && !close) {
            return;
        }
        int count = count(size);
        kept = Math.min(kept, count);
        if (kept > 0 && !dirty.containsKey(kept - 1) && !uploads.containsKey(kept - 1)) {
            long required = Math.min(blockSize, size - (long) (kept - 1) * blockSize);
            if (locate(kept - 1).block().length() != required) {
                makeDirty(kept - 1, false); // the old last block is cut or grown: rewritten to its new length
            }
        }
        for (Integer idx : new ArrayList<>(dirty.keySet())) {
            upload(idx);
        }
        List<IndexedBlock> changed = new ArrayList<>();
        Map<Integer, LocatedBlock> fresh = new TreeMap<>();
        for (Map.Entry<Integer, Upload> e : uploads.entrySet()) {
            if (e.getKey() >= count) {
                continue;
            }
            Block b = await(e.getValue().writer);
            changed.add(new IndexedBlock(e.getKey(), b));
            fresh.put(e.getKey(), new LocatedBlock(b, e.getKey() * blockSize, e.getValue().writer.pipeline(),
                    e.getValue().writer.token()));
        }
        for (int i = kept; i < count; i++) {
            if (!fresh.containsKey(i)) {
                Block hole = Block.hole(Math.min(blockSize, size - (long) i * blockSize));
                changed.add(new IndexedBlock(i, hole));
                fresh.put(i, new LocatedBlock(hole, i * blockSize, List.of()));
            }
        }
        changed.sort(java.util.Comparator.comparingInt(IndexedBlock::index));
        client.streams().commitWrite(path, inodeId, count, changed, close, lastChange);
        located.tailMap(count).clear();
        located.putAll(fresh);
        uploads.clear();
        dirty.clear();
        committedCount = count;
        kept = count;
        committedSize = size;
    }

    /** Drops everything not committed (the name server drops the blocks written for it). */
    void discard() {
        for (Upload u : uploads.values()) {
            u.writer.abort(new IOException("write of " + path + " abandoned"));
        }
        uploads.clear();
        dirty.clear();
    }

    private Block await(BlockWriter w) throws IOException {
        return w.await(path);
    }

    private <T> T await(java.util.concurrent.CompletableFuture<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + path);
        } catch (ExecutionException e) {
            throw Errors.asIOException(e);
        }
    }
}
