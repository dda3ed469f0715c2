package io.jdfs.data.store;

import io.jdfs.protocol.Block;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Makes small replicas durable for a {@link ContainerStore}, on one thread: it takes every replica queued
 * meanwhile, appends them one after another and syncs each container they went to once (group commit),
 * then completes their futures. A batch costs one wake-up of this thread and one flush however many
 * transfers wait on it, and no transfer's thread blocks in the flush.
 */
final class ContainerCommitter {
    /** Told of each group commit: how many replicas it made durable, how long its syncs took. */
    interface SyncListener {
        void synced(int replicas, long nanos);
    }

    /** A replica waiting for the committer. */
    private record Put(Block block, byte[] data, int length, int[] crcs, CompletableFuture<ContainerStore.Slot> done) {
    }

    private final ContainerStore store;
    private final ArrayDeque<Put> queue = new ArrayDeque<>();
    private Thread thread;
    private boolean closing;
    private volatile SyncListener listener = (n, nanos) -> { };

    ContainerCommitter(ContainerStore store) {
        this.store = store;
    }

    void onSync(SyncListener l) {
        listener = l;
    }

    /** Queues a replica; the future completes on the committer's thread once its record is on disk. */
    CompletableFuture<ContainerStore.Slot> put(Block block, byte[] data, int length, int[] crcs) {
        Put p = new Put(block, data, length, crcs, new CompletableFuture<>());
        synchronized (queue) {
            if (closing) {
                p.done.completeExceptionally(new IOException("the block store is closing"));
                return p.done;
            }
            queue.add(p);
            if (thread == null) {
                thread = new io.netty.util.concurrent.DefaultThreadFactory("jdfs-ds-commit", true).newThread(this::run);
                thread.start();
            } else if (queue.size() == 1) {
                queue.notify();
            }
        }
        return p.done;
    }

    private void run() {
        List<Put> batch = new ArrayList<>();
        while (true) {
            synchronized (queue) {
                while (queue.isEmpty() && !closing) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        closing = true;
                    }
                }
                if (queue.isEmpty()) {
                    return; // closing, and nothing is left to commit
                }
                batch.addAll(queue);
                queue.clear();
            }
            commit(batch);
            batch.clear();
        }
    }

    /** Appends a batch, then syncs each container it went to once; a replica whose append or sync failed is dropped. */
    private void commit(List<Put> batch) {
        ContainerStore.Slot[] slots = new ContainerStore.Slot[batch.size()];
        Map<Container, Long> ends = new IdentityHashMap<>(2);
        for (int i = 0; i < slots.length; i++) {
            Put p = batch.get(i);
            try {
                slots[i] = store.append(p.block, p.data, p.length, p.crcs);
                ends.merge(slots[i].container(), slots[i].recordOffset() + ContainerRecord.size(p.length), Math::max);
            } catch (IOException | RuntimeException e) {
                p.done.completeExceptionally(e);
            }
        }
        Map<Container, IOException> failed = new IdentityHashMap<>(1);
        long t0 = System.nanoTime();
        for (Map.Entry<Container, Long> e : ends.entrySet()) {
            try {
                e.getKey().syncTo(e.getValue());
            } catch (IOException ex) {
                failed.put(e.getKey(), ex);
            }
        }
        if (!ends.isEmpty()) {
            listener.synced(batch.size(), System.nanoTime() - t0);
        }
        for (int i = 0; i < slots.length; i++) {
            ContainerStore.Slot slot = slots[i];
            if (slot == null) {
                continue;
            }
            IOException f = failed.get(slot.container());
            if (f != null) {
                store.delete(slot, batch.get(i).length); // never acknowledged: it must not come back after a restart
                batch.get(i).done.completeExceptionally(f);
            } else {
                batch.get(i).done.complete(slot);
            }
        }
    }

    /**
     * Stops once what is queued is committed; {@code sync} false (a crash): what is queued is dropped
     * unwritten, as it was never acknowledged.
     */
    void close(boolean sync) {
        Thread t;
        synchronized (queue) {
            closing = true;
            if (!sync) {
                for (Put p; (p = queue.poll()) != null; ) {
                    p.done.completeExceptionally(new IOException("the block store closed"));
                }
            }
            queue.notifyAll();
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
