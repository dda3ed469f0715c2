package io.jdfs.data.store;

import io.jdfs.common.Sizes;
import io.jdfs.data.Throttle;
import io.jdfs.protocol.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * Compacts sealed containers that are mostly deleted replicas, as SeaweedFS's volume vacuum does: the
 * live records are copied (bytes and sequence number unchanged) to the active container and synced, the
 * store's index is switched replica by replica, the old file's deletion marks and the copies' marks are
 * synced, and the old file is deleted after a grace period (a read that found the old place just before
 * the switch opens the file just after it). One container at a time, on one low-priority thread,
 * throttled.
 * <p>
 * The commit point on disk is per replica and needs no extra file: a copy shares its original's
 * sequence number, and at start-up {@link ContainerStore#load} treats twins as one replica (dead if
 * either is marked dead, else the newer container's). A crash after the copy keeps both (the copy
 * wins), after the switch the old file's records lose to their copies and the old container, left
 * with no live record, is removed at start-up.
 */
public final class ContainerCompactor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerCompactor.class);

    /** The steps of one compaction, for tests that stop it between two of them. */
    public enum Step { COPIED, SWITCHED, REMOVED }

    /**
     * Called after each step. A RuntimeException thrown here stops the compaction on the spot as a crash
     * would: nothing is undone (tests then reopen the store without a final sync).
     */
    public interface StepHook {
        void reached(Step step, Path container);
    }

    private final BlockStore store;
    private final ContainerStore containers;
    private final CompactionSettings settings;
    private final ScheduledExecutorService thread;
    private final Map<Container, Boolean> awaitingRemoval = new HashMap<>();
    /** Containers left alone while they hold this replica, whose record failed its checksums (the scanner reports it). */
    private final Map<Container, Replica> badRecord = new HashMap<>();
    private final AtomicLong compactions = new AtomicLong();
    private final AtomicLong reclaimed = new AtomicLong();
    private final AtomicLong copied = new AtomicLong();
    private volatile StepHook hook = (step, container) -> { };

    public ContainerCompactor(BlockStore store, CompactionSettings settings) {
        this.store = store;
        this.containers = store.containerStore();
        this.settings = settings;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jdfs-ds-compactor");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY); // clients' reads and writes first
            return t;
        });
    }

    /** Looks for containers to compact every {@code intervalMillis} (not at all when it is 0). */
    public void start() {
        if (settings.intervalMillis() > 0) {
            thread.scheduleWithFixedDelay(this::pass, settings.intervalMillis(), settings.intervalMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    public void hook(StepHook h) {
        this.hook = h;
    }

    /** Containers compacted since the start. */
    public long compactions() {
        return compactions.get();
    }

    /** Bytes of container files given back to the disk (old file size minus what was copied). */
    public long reclaimedBytes() {
        return reclaimed.get();
    }

    /** Bytes of live records copied. */
    public long copiedBytes() {
        return copied.get();
    }

    private void pass() {
        try {
            compactAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.warn("container compaction failed: {}", e.toString());
        }
    }

    /** Compacts every container over the threshold, one after the other; returns how many. */
    public synchronized int compactAll() throws IOException, InterruptedException {
        Set<Container> tried = new HashSet<>();
        int done = 0;
        while (true) {
            Container next = null;
            for (Container c : containers.compactable(settings.garbageRatio())) {
                Replica bad = badRecord.get(c);
                if (bad != null && store.get(bad.id()) == bad) {
                    continue; // compacting it again would only copy its good records once more
                }
                if (tried.add(c)) {
                    next = c;
                    break;
                }
            }
            if (next == null) {
                return done;
            }
            if (compact(next)) {
                done++;
            }
        }
    }

    /** A record copied and the replica it belongs to. */
    private record Move(Replica replica, ContainerStore.Slot copy, int bytes) {
    }

    /** Compacts one sealed container; false when it was left as it is (a record failed its checksums). */
    boolean compact(Container c) throws IOException, InterruptedException {
        long started = System.nanoTime();
        long dead = c.deadBytes.get();
        if (!forceIfOpen(c)) { // deletions marked in it so far become durable: none comes back once copies exist
            return false; // removed since it was picked: its last replicas were deleted
        }
        List<Move> moves = new ArrayList<>();
        // one per container: a throttle made at start-up would let the first compaction hours later run unthrottled
        Throttle throttle = new Throttle(settings.bytesPerSecond());
        try {
            for (Replica r : store.replicasIn(c)) {
                int bytes = ContainerRecord.size((int) r.length());
                throttle.acquire(bytes);
                ByteBuffer record = readRecord(c, r);
                if (record == null) {
                    LOG.warn("container {}: the record of block {} fails its checksums; not compacting it while it"
                            + " holds that replica (the block scanner reports it)", c.path, r.id());
                    badRecord.put(c, r);
                    undo(moves);
                    return false;
                }
                moves.add(new Move(r, containers.appendCopy(record, r.slot().seq()), bytes));
            }
            syncCopies(moves);
        } catch (java.nio.channels.ClosedChannelException e) {
            if (c.channel().isOpen()) {
                throw e; // the target's, not the old container's
            }
            undo(moves); // its last replicas were deleted meanwhile and the empty container removed
            return false;
        } catch (IOException | InterruptedException e) {
            undo(moves);
            throw e;
        }
        hook.reached(Step.COPIED, c.path);
        long copiedBytes = 0;
        int moved = 0;
        for (Move m : moves) {
            if (store.moveReplica(m.replica(), m.copy())) {
                copiedBytes += m.bytes();
                moved++;
            } else {
                markDead(m); // deleted or replaced while being copied
            }
        }
        forceIfOpen(c); // deletions that raced the copy, in the old place (unless they emptied and removed it)...
        for (Container target : targets(moves)) {
            forceIfOpen(target); // ...and in the new one, durable before the old file can go
        }
        hook.reached(Step.SWITCHED, c.path);
        if (!containers.retire(c)) {
            return false; // removed meanwhile: its last replicas were deleted
        }
        badRecord.remove(c);
        long reclaimedBytes = Math.max(0, c.fileSize() - copiedBytes);
        compactions.incrementAndGet();
        reclaimed.addAndGet(reclaimedBytes);
        copied.addAndGet(copiedBytes);
        LOG.info("compacted container {}: {} live replicas ({}) moved, {} of deleted replicas dropped, {} of disk"
                        + " given back in {} ms", c.path, moved, Sizes.human(copiedBytes),
                Sizes.human(dead), Sizes.human(reclaimedBytes), (System.nanoTime() - started) / 1_000_000);
        if (settings.graceMillis() == 0) {
            remove(c);
        } else {
            synchronized (awaitingRemoval) {
                awaitingRemoval.put(c, Boolean.TRUE);
            }
            thread.schedule(() -> removeLater(c), settings.graceMillis(), TimeUnit.MILLISECONDS);
        }
        return true;
    }

    /** Syncs a container; false when it was closed (removed because its last replica was deleted). */
    private static boolean forceIfOpen(Container c) throws IOException {
        try {
            c.force();
            return true;
        } catch (java.nio.channels.ClosedChannelException e) {
            return false;
        }
    }

    private void removeLater(Container c) {
        synchronized (awaitingRemoval) {
            if (awaitingRemoval.remove(c) == null) {
                return;
            }
        }
        try {
            remove(c);
        } catch (IOException e) {
            LOG.warn("could not delete the compacted container {}: {} (it is dropped at the next start)", c.path,
                    e.toString());
        }
    }

    private void remove(Container c) throws IOException {
        containers.removeFile(c);
        hook.reached(Step.REMOVED, c.path);
    }

    /** The record of {@code r} as stored, marked live; null when it is not the record expected or its data is bad. */
    private static ByteBuffer readRecord(Container c, Replica r) throws IOException {
        int length = (int) r.length();
        ByteBuffer b = ByteBuffer.allocate(ContainerRecord.size(length));
        long at = r.slot().recordOffset();
        while (b.hasRemaining()) {
            if (c.channel().read(b, at + b.position()) < 0) {
                return null;
            }
        }
        ContainerRecord h = ContainerRecord.decode(b, ContainerStore.SMALL_MAX);
        if (h == null || h.seq() != r.slot().seq() || h.blockId() != r.id()
                || h.generation() != r.block().generation() || h.length() != length) {
            return null;
        }
        int[] crcs = r.crcs();
        int data = ContainerRecord.HEADER_BYTES + 4 * crcs.length;
        CRC32C crc = new CRC32C();
        for (int i = 0; i < crcs.length; i++) {
            int from = i * Protocol.CHUNK_SIZE;
            crc.reset();
            crc.update(b.array(), data + from, Math.min(Protocol.CHUNK_SIZE, length - from));
            if ((int) crc.getValue() != crcs[i] || b.getInt(ContainerRecord.HEADER_BYTES + 4 * i) != crcs[i]) {
                return null;
            }
        }
        b.putInt(ContainerRecord.STATE_OFFSET, ContainerRecord.LIVE); // a delete racing the read: the switch sees it
        return b.flip();
    }

    private static Set<Container> targets(List<Move> moves) {
        Set<Container> out = new HashSet<>();
        for (Move m : moves) {
            out.add(m.copy().container());
        }
        return out;
    }

    private static void syncCopies(List<Move> moves) throws IOException {
        Map<Container, Long> upTo = new HashMap<>();
        for (Move m : moves) {
            upTo.merge(m.copy().container(), m.copy().recordOffset() + m.bytes(), Math::max);
        }
        for (Map.Entry<Container, Long> e : upTo.entrySet()) {
            e.getKey().syncTo(e.getValue());
        }
    }

    /** A failed compaction: its copies are unused (VOID, not DEAD: their originals stay alive). */
    private void undo(List<Move> moves) {
        for (Move m : moves) {
            containers.discardCopy(m.copy(), (int) m.replica().length());
        }
    }

    private static void markDead(Move m) {
        try {
            m.copy().container().markDead(m.copy().recordOffset(), m.bytes());
        } catch (IOException e) {
            LOG.warn("could not mark a compaction copy in {} dead: {}", m.copy().container().path, e.toString());
        }
    }

    /** Stops the thread and deletes compacted files still in their grace period (nothing reads them any more). */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Container> left;
        synchronized (awaitingRemoval) {
            left = new ArrayList<>(awaitingRemoval.keySet());
            awaitingRemoval.clear();
        }
        for (Container c : left) {
            try {
                containers.removeFile(c);
            } catch (IOException e) {
                LOG.warn("could not delete the compacted container {}: {}", c.path, e.toString());
            }
        }
    }
}
