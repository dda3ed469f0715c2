package io.jdfs.name.journal;

import io.jdfs.name.namespace.NamespaceRecord;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The write side of the journal, with group commit: records are appended to a memory buffer (under
 * the namespace lock, cheap), and one syncer thread writes and fsyncs whatever has gathered, then
 * completes every waiter it covered. Eight clients waiting at once share one fsync. Segments are
 * zero-filled ahead of the records ({@link #PREALLOCATE} at a time), so an append changes no file
 * size and its fdatasync writes the data alone (about half the latency of growing the file here);
 * readers stop at the zeros.
 */
public final class Journal implements RecordLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    static final int PREALLOCATE = 8 << 20;

    private final Path dir;
    private final boolean fsync;
    private final java.util.concurrent.locks.ReentrantLock ioLock = new java.util.concurrent.locks.ReentrantLock();
    private final PriorityQueue<Waiter> waiters = new PriorityQueue<>((a, b) -> Long.compare(a.txid, b.txid));
    private final Thread syncer;
    private final AtomicLong fsyncs = new AtomicLong();
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);
    private FileChannel channel;
    /** Bytes of the segment file zero-filled ahead of the records: appends then change no file size. */
    private long allocated;
    private long segmentFirstTxid;
    private long lastTxid;
    private long bufferedUpTo;
    private volatile long syncedTxid;
    private volatile IOException failure;
    private volatile boolean closed;
    private final JournalHealth health = new JournalHealth();

    private record Waiter(long txid, CompletableFuture<Void> future) {
    }

    /** Told of every group commit written, for the metrics: its size, and its fsync time (-1 without fsync). */
    @FunctionalInterface
    public interface SyncListener {
        void synced(long transactions, int bytes, long fsyncNanos);
    }

    private volatile SyncListener syncListener = (t, b, n) -> { };

    public void onSync(SyncListener listener) {
        this.syncListener = listener;
    }

    /** Opens a new segment after {@code lastTxid}, the last transaction already on disk. */
    public Journal(Path dir, long lastTxid, boolean fsync) throws IOException {
        this.dir = dir;
        this.fsync = fsync;
        this.lastTxid = lastTxid;
        this.bufferedUpTo = lastTxid;
        this.syncedTxid = lastTxid;
        openSegment(lastTxid + 1);
        syncer = new DefaultThreadFactory("jdfs-journal-sync", true).newThread(this::syncLoop);
        syncer.start();
    }

    private void openSegment(long firstTxid) throws IOException {
        Path file = Segments.segment(dir, firstTxid);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        ByteBuffer h = ByteBuffer.allocate(Segments.SEGMENT_HEADER_BYTES);
        h.put(Segments.SEGMENT_MAGIC).putInt(Segments.SEGMENT_VERSION).putLong(firstTxid).flip();
        while (h.hasRemaining()) {
            ch.write(h);
        }
        this.allocated = Segments.SEGMENT_HEADER_BYTES;
        this.channel = ch;
        if (fsync) {
            preallocate(PREALLOCATE);
        }
        ch.force(true);
        fsyncDirectory(dir);
        this.segmentFirstTxid = firstTxid;
    }

    /** Zero-fills the segment up to {@code needed} bytes past the write position, whole chunks at a time. */
    private void preallocate(long needed) throws IOException {
        long position = channel.position();
        if (position + needed <= allocated) {
            return;
        }
        long target = position + Math.max(needed, PREALLOCATE);
        ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
        long at = allocated;
        while (at < target) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), target - at));
            at += channel.write(zeros, at);
        }
        channel.force(true);
        allocated = target;
    }

    @Override
    public void append(NamespaceRecord record) throws IOException {
        appendTx(record);
    }

    /** Appends a record; returns its txid. Durable only once {@link #sync} completes for it. */
    public synchronized long appendTx(NamespaceRecord record) throws IOException {
        IOException f = failure;
        if (f != null) {
            throw new IOException("the journal failed earlier; the name server refuses changes: " + f.getMessage(), f);
        }
        if (closed) {
            throw new IOException("the journal is closed: the name server is stopping");
        }
        long txid = ++lastTxid;
        buffer.writeBytes(RecordCodec.encode(txid, record));
        bufferedUpTo = txid;
        return txid;
    }

    public synchronized long lastTxid() {
        return lastTxid;
    }

    /** Completes when every record appended so far is on disk. */
    @Override
    public CompletableFuture<Void> syncAll() {
        long target;
        synchronized (this) {
            target = lastTxid;
        }
        return sync(target);
    }

    public CompletableFuture<Void> sync(long txid) {
        if (txid <= syncedTxid) {
            return CompletableFuture.completedFuture(null);
        }
        if (closed) {
            // never wait on a journal that will not write again
            return CompletableFuture.failedFuture(new IOException("the journal is closed: transaction " + txid
                    + " is not on disk"));
        }
        // group commit, leader style: when nobody is syncing, the caller syncs itself (no thread
        // hand-off); when a sync is under way, it waits to be covered by the next one
        if (failure == null && ioLock.tryLock()) {
            try {
                flush();
            } catch (IOException e) {
                fail(e);
            } finally {
                ioLock.unlock();
            }
            completeCovered();
            if (txid <= syncedTxid) {
                return CompletableFuture.completedFuture(null);
            }
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (waiters) {
            if (failure != null) {
                f.completeExceptionally(failure);
                return f;
            }
            waiters.add(new Waiter(txid, f));
            waiters.notifyAll();
        }
        return f;
    }

    private void syncLoop() {
        while (!closed) {
            synchronized (waiters) {
                while (waiters.isEmpty() && !closed) {
                    try {
                        waiters.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            try {
                flush();
                completeCovered();
            } catch (IOException e) {
                fail(e);
                return;
            }
        }
    }

    private void completeCovered() {
        long upTo = syncedTxid;
        List<Waiter> done = new ArrayList<>();
        synchronized (waiters) {
            while (!waiters.isEmpty() && waiters.peek().txid <= upTo) {
                done.add(waiters.poll());
            }
        }
        for (Waiter w : done) {
            w.future.complete(null);
        }
    }

    @Override
    public JournalHealth health() {
        return health;
    }

    private void fail(IOException e) {
        long lost;
        synchronized (this) {
            if (failure != null) {
                return;
            }
            failure = e;
            lost = lastTxid - syncedTxid; // applied in memory, never on disk
        }
        LOG.error("journal write failed with transactions {} to {} not on disk: the name server is read-only until"
                + " restarted", syncedTxid + 1, syncedTxid + lost, e);
        health.failed(e, lost);
        synchronized (waiters) {
            for (Waiter w : waiters) {
                w.future.completeExceptionally(e);
            }
            waiters.clear();
        }
    }

    /** Writes and syncs what is buffered; returns the txid now durable. */
    private long flush() throws IOException {
        ioLock.lock();
        try {
            byte[] bytes;
            long upTo;
            synchronized (this) {
                bytes = buffer.toByteArray();
                buffer = new ByteArrayOutputStream(Math.max(64 * 1024, bytes.length));
                upTo = bufferedUpTo;
            }
            if (bytes.length > 0) {
                long start = channel.position();
                long fsyncNanos = -1;
                try {
                    if (fsync) {
                        preallocate(bytes.length);
                    }
                    ByteBuffer b = ByteBuffer.wrap(bytes);
                    while (b.hasRemaining()) {
                        channel.write(b);
                    }
                    if (fsync) {
                        long t0 = System.nanoTime();
                        channel.force(false);
                        fsyncNanos = System.nanoTime() - t0;
                        fsyncs.incrementAndGet();
                    }
                } catch (IOException e) {
                    cutBack(start);
                    throw e;
                }
                syncListener.synced(upTo - syncedTxid, bytes.length, fsyncNanos);
            }
            syncedTxid = Math.max(syncedTxid, upTo);
            return syncedTxid;
        } finally {
            ioLock.unlock();
        }
    }

    /**
     * A failed batch is cut off the segment (a short write on a full disk leaves part of it): the disk
     * then holds exactly the acknowledged transactions, and a restart shows none that a caller was told failed.
     */
    private void cutBack(long start) {
        try {
            channel.truncate(start);
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not cut the failed batch off {} at byte {}: {}", Segments.segment(dir, segmentFirstTxid),
                    start, e.toString());
        }
    }

    /**
     * Ends the current segment and starts the next one (for a checkpoint at {@code lastTxid()}).
     * The caller holds the namespace lock, so no record is appended meanwhile.
     */
    public void roll() throws IOException {
        if (failure != null) {
            // memory may hold changes the journal lost: never write them into a checkpoint
            throw new IOException("the journal failed earlier; no checkpoint is written", failure);
        }
        ioLock.lock();
        try {
            flush();
            endSegment();
            openSegment(lastTxid() + 1);
        } catch (IOException e) {
            fail(e); // the segment is ended or half made: nothing more can be appended
            throw e;
        } finally {
            ioLock.unlock();
        }
    }

    /** A finished segment ends at its last record: the zeros ahead of it are cut off. */
    private void endSegment() throws IOException {
        channel.truncate(channel.position());
        channel.force(true);
        channel.close();
    }

    public long fsyncCount() {
        return fsyncs.get();
    }

    public long segmentFirstTxid() {
        return segmentFirstTxid;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        synchronized (waiters) {
            waiters.notifyAll();
        }
        try {
            syncer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        IOException error = null;
        ioLock.lock();
        try {
            if (failure == null) {
                flush();
                endSegment();
            } else {
                channel.close();
            }
        } catch (IOException e) {
            error = e;
        } finally {
            ioLock.unlock();
        }
        // only what the last flush covered is durable: any later waiter learns it was not written
        long upTo = syncedTxid;
        synchronized (waiters) {
            for (Waiter w : waiters) {
                if (w.txid <= upTo) {
                    w.future.complete(null);
                } else {
                    w.future.completeExceptionally(new IOException("the journal closed before transaction " + w.txid
                            + " was on disk" + (error == null ? "" : ": " + error.getMessage())));
                }
            }
            waiters.clear();
        }
        if (error != null) {
            throw error;
        }
    }

    static void fsyncDirectory(Path dir) {
        try {
            io.jdfs.common.AtomicFiles.fsyncDirectory(dir);
        } catch (IOException e) {
            LOG.debug("directory fsync not supported for {}: {}", dir, e.toString());
        }
    }
}
