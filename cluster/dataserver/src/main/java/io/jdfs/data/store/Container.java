package io.jdfs.data.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One append-only container file of small replicas. Space is allocated ahead of the records in
 * extents of zeros, so the fdatasync that makes a record durable changes no file size and costs one
 * device flush; concurrent writers share it (group commit: whoever syncs covers every record
 * appended before it started).
 */
final class Container {
    /** Zeros written ahead of the append position: an fdatasync then needs no metadata change. */
    static final int EXTENT = 4 << 20;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 20);

    final int number;
    final Path path;
    private final FileChannel channel;
    /** End of the last record appended; written under the store's append lock. */
    private volatile long end;
    /** Bytes of zeros allocated (file size). */
    private volatile long allocated;
    private volatile long synced;
    private final Object syncLock = new Object();
    /** Live records and their bytes; dead bytes are what a compaction could win back. */
    final AtomicInteger live = new AtomicInteger();
    final AtomicLong deadBytes = new AtomicLong();
    volatile boolean sealed;

    Container(int number, Path path, FileChannel channel, long end) throws IOException {
        this.number = number;
        this.path = path;
        this.channel = channel;
        this.end = end;
        this.synced = end;
        this.allocated = channel.size();
    }

    static Container create(int number, Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        Container c = new Container(number, path, ch, 0);
        c.extend(EXTENT);
        ch.force(true);
        return c;
    }

    FileChannel channel() {
        return channel;
    }

    long end() {
        return end;
    }

    /** Bytes the file takes (records and the zeros allocated ahead of them). */
    long fileSize() {
        return allocated;
    }

    /** Where appends continue after a load. */
    void setEnd(long offset) {
        end = offset;
        synced = offset;
    }

    /** Appends a record; returns its offset. Under the store's append lock. */
    long append(ByteBuffer record) throws IOException {
        long at = end;
        int n = record.remaining();
        if (at + n > allocated) {
            extend(at + n - allocated + EXTENT);
        }
        long pos = at;
        while (record.hasRemaining()) {
            pos += channel.write(record, pos);
        }
        end = at + n;
        return at;
    }

    private void extend(long bytes) throws IOException {
        long pos = allocated;
        long stop = allocated + bytes;
        while (pos < stop) {
            ByteBuffer z = ZEROS.duplicate();
            z.limit((int) Math.min(z.capacity(), stop - pos));
            while (z.hasRemaining()) {
                pos += channel.write(z, pos);
            }
        }
        allocated = stop;
    }

    /** Returns once every byte up to {@code upTo} is on disk; one fdatasync serves every waiter. */
    void syncTo(long upTo) throws IOException {
        if (synced >= upTo) {
            return;
        }
        synchronized (syncLock) {
            if (synced >= upTo) {
                return;
            }
            long covered = end; // appended before the flush starts: on disk once it returns
            channel.force(false);
            synced = Math.max(synced, covered);
        }
    }

    /** Marks the record at {@code offset} dead in place; made durable by a later sync (or not: see the store). */
    void markDead(long offset, int recordBytes) throws IOException {
        mark(offset, recordBytes, ContainerRecord.DEAD);
    }

    /** Marks an unused compaction copy: garbage like a dead record, but its twins stay alive. */
    void markVoid(long offset, int recordBytes) throws IOException {
        mark(offset, recordBytes, ContainerRecord.VOID);
    }

    private void mark(long offset, int recordBytes, int state) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4).putInt(0, state);
        channel.write(b, offset + ContainerRecord.STATE_OFFSET);
        live.decrementAndGet();
        deadBytes.addAndGet(recordBytes);
    }

    /** Overwrites a torn tail with zeros and syncs, so no stale bytes ever look like a record. */
    void cutAt(long offset) throws IOException {
        long size = channel.size();
        long pos = offset;
        while (pos < size) {
            ByteBuffer z = ZEROS.duplicate();
            z.limit((int) Math.min(z.capacity(), size - pos));
            while (z.hasRemaining()) {
                pos += channel.write(z, pos);
            }
        }
        channel.force(false);
        end = offset;
        synced = offset;
    }

    void force() throws IOException {
        channel.force(false);
    }

    void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was left unsynced that a sync could still save
        }
    }
}
