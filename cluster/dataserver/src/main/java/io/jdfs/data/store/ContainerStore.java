package io.jdfs.data.store;

import io.jdfs.protocol.Block;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * Small replicas (up to {@link #SMALL_MAX} bytes) appended to container files under
 * {@code containers/c_NNNNNN.dat}, as Haystack and SeaweedFS volumes do: a replica costs one append and
 * a share of one group-committed fdatasync, instead of two files, two fsyncs, two renames and a
 * directory fsync. Deleting marks the record dead in place; a container whose records are all dead is
 * removed, one with enough dead records is compacted ({@link ContainerCompactor}): its live records are
 * copied, with their sequence numbers, to the active container. A copy and its original are one replica:
 * at start-up a record marked dead anywhere kills its twins, and of two live twins the one in the newer
 * container wins, so a crash at any step of a compaction neither loses nor revives a replica.
 */
final class ContainerStore {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerStore.class);
    /** Replicas up to this size go to containers. */
    static final int SMALL_MAX = 256 << 10;
    /** A container takes records until it reaches this size, then the next one starts. */
    static final long CONTAINER_MAX = 64L << 20;
    private static final Pattern NAME = Pattern.compile("c_(\\d{6})\\.dat");

    private final Path dir;
    private final long containerMax = Long.getLong(BlockStore.CONTAINER_SIZE_PROPERTY, CONTAINER_MAX);
    private final Map<Integer, Container> containers = new ConcurrentHashMap<>();
    private final Object appendLock = new Object();
    private final ContainerCommitter committer = new ContainerCommitter(this);
    private Container active;
    private long nextSeq = 1;

    /** Where one small replica is: its container and the offset of its record. */
    record Slot(Container container, long recordOffset, long seq) {
    }

    /** A record found at start-up. */
    record Found(Block block, Slot slot, int[] crcs) {
    }

    ContainerStore(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    Path dir() {
        return dir;
    }

    /**
     * Reads every container: each live record is handed to {@code found}. The container written last
     * is checked whole (headers and data) and cut at its first torn record; older ones were synced
     * whole when they were sealed, so their headers are checked and their data left to the scanner.
     */
    void load(Consumer<Found> found) throws IOException {
        TreeMap<Integer, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    files.put(Integer.parseInt(m.group(1)), p);
                }
            }
        }
        int last = files.isEmpty() ? 0 : files.lastKey();
        List<Found> live = new ArrayList<>();
        SeqList deadSeqs = new SeqList(); // 8 bytes per deleted record, only while loading
        for (Map.Entry<Integer, Path> e : files.entrySet()) {
            FileChannel ch = FileChannel.open(e.getValue(), StandardOpenOption.READ, StandardOpenOption.WRITE);
            Container c = new Container(e.getKey(), e.getValue(), ch, 0);
            scan(c, e.getKey() == last, live::add, deadSeqs);
            c.sealed = e.getKey() != last;
            containers.put(c.number, c);
        }
        if (last > 0) {
            active = containers.get(last);
        }
        deadSeqs.sort();
        for (Found f : live) {
            if (deadSeqs.contains(f.slot().seq())) {
                // a compaction copied it, then it was deleted in the other place (before or after the switch)
                f.slot().container().markDead(f.slot().recordOffset(), ContainerRecord.size((int) f.block().length()));
            } else {
                found.accept(f); // in container order: of two live twins the newer container's wins
            }
        }
        for (Container c : containers()) {
            dropIfEmpty(c); // sealed with every record deleted: nothing left to keep
        }
    }

    /** Sequence numbers of deleted records, as a growable primitive array (there may be millions). */
    private static final class SeqList {
        private long[] seqs = new long[1024];
        private int size;

        void add(long seq) {
            if (size == seqs.length) {
                seqs = java.util.Arrays.copyOf(seqs, size * 2);
            }
            seqs[size++] = seq;
        }

        void sort() {
            java.util.Arrays.sort(seqs, 0, size);
        }

        boolean contains(long seq) {
            return java.util.Arrays.binarySearch(seqs, 0, size, seq) >= 0;
        }
    }

    private void scan(Container c, boolean verifyData, Consumer<Found> found, SeqList dead) throws IOException {
        FileChannel ch = c.channel();
        long size = ch.size();
        long pos = 0;
        ByteBuffer h = ByteBuffer.allocate(ContainerRecord.HEADER_BYTES);
        while (pos + ContainerRecord.HEADER_BYTES <= size) {
            h.clear();
            readFully(ch, h, pos);
            ContainerRecord r = ContainerRecord.decode(h, SMALL_MAX);
            if (r == null) {
                if (h.getInt(0) != 0 || h.getLong(8) != 0) {
                    LOG.warn("container {}: torn or unknown record at offset {}; cutting it there", c.path, pos);
                    c.cutAt(pos);
                    return;
                }
                break; // zeros: the end
            }
            int recordBytes = ContainerRecord.size(r.length());
            if (pos + recordBytes > size) {
                LOG.warn("container {}: record at offset {} runs past the end; cutting it there", c.path, pos);
                c.cutAt(pos);
                return;
            }
            int[] crcs = readCrcs(ch, pos, r.length());
            if (verifyData && !dataMatches(ch, ContainerRecord.dataOffset(pos, r.length()), r.length(), crcs)) {
                LOG.warn("container {}: torn record of block {} at offset {}; cutting it there", c.path, r.blockId(), pos);
                c.cutAt(pos);
                return;
            }
            nextSeq = Math.max(nextSeq, r.seq() + 1);
            if (r.live()) {
                c.live.incrementAndGet();
                found.accept(new Found(new Block(r.blockId(), r.generation(), r.length()), new Slot(c, pos, r.seq()), crcs));
            } else {
                c.deadBytes.addAndGet(recordBytes);
                if (r.deleted()) {
                    dead.add(r.seq());
                }
            }
            pos += recordBytes;
        }
        c.setEnd(pos);
    }

    private static int[] readCrcs(FileChannel ch, long recordOffset, int length) throws IOException {
        int chunks = ContainerRecord.chunks(length);
        ByteBuffer b = ByteBuffer.allocate(4 * chunks);
        readFully(ch, b, recordOffset + ContainerRecord.HEADER_BYTES);
        int[] crcs = new int[chunks];
        for (int i = 0; i < chunks; i++) {
            crcs[i] = b.getInt(4 * i);
        }
        return crcs;
    }

    private static boolean dataMatches(FileChannel ch, long offset, int length, int[] crcs) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(length);
        readFully(ch, data, offset);
        CRC32C crc = new CRC32C();
        for (int i = 0; i < crcs.length; i++) {
            int from = i * io.jdfs.protocol.Protocol.CHUNK_SIZE;
            crc.reset();
            crc.update(data.array(), from, Math.min(io.jdfs.protocol.Protocol.CHUNK_SIZE, length - from));
            if ((int) crc.getValue() != crcs[i]) {
                return false;
            }
        }
        return true;
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, pos + b.position());
            if (n < 0) {
                break; // past the end: the rest stays zero, which reads as "no record"
            }
        }
        b.flip();
        b.limit(b.capacity());
    }

    /**
     * Appends a replica and returns once it is on disk (see {@link #putAsync}).
     */
    Slot put(Block block, byte[] data, int length, int[] crcs) throws IOException {
        try {
            return putAsync(block, data, length, crcs).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /**
     * Appends a replica; the future completes, on the committer thread, once the record is on disk
     * ({@link ContainerCommitter}: group commit).
     */
    CompletableFuture<Slot> putAsync(Block block, byte[] data, int length, int[] crcs) {
        return committer.put(block, data, length, crcs);
    }

    /** Appends a replica's record to the active container (the committer syncs it); under the append lock. */
    Slot append(Block block, byte[] data, int length, int[] crcs) throws IOException {
        synchronized (appendLock) {
            long seq = nextSeq++;
            ByteBuffer record = ContainerRecord.encode(seq, block.id(), block.generation(), data, length, crcs);
            Container c = activeFor(record.remaining());
            long at = c.append(record);
            c.live.incrementAndGet();
            return new Slot(c, at, seq);
        }
    }

    void onSync(ContainerCommitter.SyncListener l) {
        committer.onSync(l);
    }

    /**
     * Appends a compaction's copy of a record (its bytes as read, sequence number kept) to the active
     * container; not synced: the compactor syncs every copy at once.
     */
    Slot appendCopy(ByteBuffer record, long seq) throws IOException {
        synchronized (appendLock) {
            Container c = activeFor(record.remaining());
            long at = c.append(record);
            c.live.incrementAndGet();
            return new Slot(c, at, seq);
        }
    }

    /** Sealed containers whose dead bytes are at least {@code ratio} of their records, most garbage first. */
    List<Container> compactable(double ratio) {
        List<Container> out = new ArrayList<>();
        for (Container c : containers.values()) {
            long end = c.end();
            if (c.sealed && c != active && end > 0 && c.deadBytes.get() >= ratio * end) {
                out.add(c);
            }
        }
        out.sort(java.util.Comparator.comparingDouble(c -> -(double) c.deadBytes.get() / c.end()));
        return out;
    }

    /** Takes a compacted container out of the store; its file stays until {@link #removeFile}. */
    boolean retire(Container c) {
        synchronized (appendLock) {
            return c != active && containers.remove(c.number, c);
        }
    }

    /** Deletes a retired container's file and makes the deletion durable. */
    void removeFile(Container c) throws IOException {
        c.close();
        Files.deleteIfExists(c.path);
        io.jdfs.common.AtomicFiles.fsyncDirectory(dir);
    }

    private Container activeFor(int bytes) throws IOException {
        if (active != null && active.end() + bytes > containerMax) {
            active.force(); // every record in it durable before the next container exists
            active.sealed = true;
            Container old = active;
            active = null;
            dropIfEmpty(old);
        }
        if (active == null) {
            int number = containers.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
            Container c = Container.create(number, dir.resolve(String.format("c_%06d.dat", number)));
            io.jdfs.common.AtomicFiles.fsyncDirectory(dir); // the new name survives a power cut
            containers.put(number, c);
            active = c;
        }
        return active;
    }

    /** Marks a replica's record dead; a sealed container with no live record left is removed. */
    void delete(Slot slot, int length) {
        Container c = slot.container();
        try {
            c.markDead(slot.recordOffset(), ContainerRecord.size(length));
        } catch (IOException e) {
            LOG.warn("could not mark block record at {}:{} deleted: {}", c.path, slot.recordOffset(), e.toString());
            return;
        }
        dropIfEmpty(c);
    }

    /** Drops one copy of a replica whose twin is kept (a compaction copy, or the original it replaced). */
    void discardCopy(Slot slot, int length) {
        Container c = slot.container();
        try {
            c.markVoid(slot.recordOffset(), ContainerRecord.size(length));
        } catch (IOException e) {
            LOG.warn("could not mark the unused block record at {}:{}: {}", c.path, slot.recordOffset(), e.toString());
            return;
        }
        dropIfEmpty(c);
    }

    private void dropIfEmpty(Container c) {
        if (!c.sealed || c.live.get() > 0) {
            return;
        }
        synchronized (appendLock) {
            if (c == active || containers.remove(c.number) == null) {
                return;
            }
        }
        c.close();
        try {
            Files.deleteIfExists(c.path);
            LOG.debug("container {} held only deleted replicas: removed", c.path);
        } catch (IOException e) {
            LOG.warn("could not remove the empty container {}: {}", c.path, e.toString());
        }
    }

    /** Bytes of deleted replicas still held in containers (what compaction would win back). */
    long deadBytes() {
        long sum = 0;
        for (Container c : containers.values()) {
            sum += c.deadBytes.get();
        }
        return sum;
    }

    int containerCount() {
        return containers.size();
    }

    List<Container> containers() {
        return new ArrayList<>(containers.values());
    }

    /** Makes deletion marks durable and closes every container, once the replicas queued are committed. */
    void close(boolean sync) {
        committer.close(sync);
        for (Container c : containers.values()) {
            try {
                if (sync) {
                    c.force();
                }
            } catch (IOException e) {
                LOG.warn("could not sync container {} at close: {}", c.path, e.toString());
            }
            c.close();
        }
    }
}
