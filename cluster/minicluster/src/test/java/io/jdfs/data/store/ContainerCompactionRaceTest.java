package io.jdfs.data.store;

import io.jdfs.protocol.Block;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers, writers and deletes racing a compaction on a real store: no read ever returns a wrong byte,
 * and the store ends exactly as the model of what was written and deleted says.
 */
class ContainerCompactionRaceTest extends CompactionStoreFixture {
    @Test
    void readersRacingCompactionNeverReadAWrongByte() throws Exception {
        fill();
        Path firstFile = killSeventyPercentOfFirst();
        // the second container too: two compactions while the readers run
        Container second = store.containerStore().containers().stream().filter(c -> c.number == 2).findFirst().orElseThrow();
        for (Replica r : store.replicasIn(second)) {
            if (second.deadBytes.get() >= 0.6 * second.end()) {
                break;
            }
            delete(r.id());
        }
        Map<Long, byte[]> expected = Map.copyOf(live);
        List<Long> ids = new ArrayList<>(expected.keySet());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int seed = t;
            Thread th = new Thread(() -> {
                Random rnd = new Random(seed);
                while (!stop.get() && failure.get() == null) {
                    long id = ids.get(rnd.nextInt(ids.size()));
                    try {
                        byte[] got = readReplica(store.get(id));
                        if (!java.util.Arrays.equals(got, expected.get(id))) {
                            throw new AssertionError("wrong bytes for block " + id);
                        }
                        reads.incrementAndGet();
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }
            });
            th.start();
            readers.add(th);
        }
        // throttled to 4 MiB/s so the copies take a while under the readers; old files kept 300 ms
        try (ContainerCompactor compactor = new ContainerCompactor(store, settings(300).withRate(4L << 20))) {
            long t0 = System.nanoTime();
            assertThat(compactor.compactAll()).isEqualTo(2);
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("FIGURE throttled to 4 MiB/s: %d bytes copied in %.3f s = %.1f MiB/s%n",
                    compactor.copiedBytes(), secs, compactor.copiedBytes() / secs / (1 << 20));
            long atSwitch = reads.get();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> failure.get() != null || !Files.exists(firstFile) && reads.get() > atSwitch + 1000);
        } finally {
            stop.set(true);
            for (Thread th : readers) {
                th.join();
            }
        }
        if (failure.get() != null) {
            throw new AssertionError("a reader failed after " + reads.get() + " reads", failure.get());
        }
        System.out.printf("%d reads during and after two compactions, none wrong%n", reads.get());
        assertHolds(store, live, deleted);
    }

    /** Writes, new generations and deletes on another thread while two containers are compacted under them. */
    @Test
    void writesAndDeletesRacingCompactionLeaveTheStoreExact() throws Exception {
        fill();
        killSeventyPercentOfFirst();
        List<Long> targets = new ArrayList<>(live.keySet());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread mutator = new Thread(() -> {
            Random rnd = new Random(3);
            long next = 1000;
            try {
                while (!stop.get()) {
                    long id = targets.get(rnd.nextInt(targets.size()));
                    byte[] data = new byte[1000 + rnd.nextInt(30_000)];
                    rnd.nextBytes(data);
                    switch (rnd.nextInt(3)) {
                        case 0 -> {
                            if (live.containsKey(id)) {
                                delete(id);
                            }
                        }
                        case 1 -> {
                            Replica r = store.get(id);
                            if (r != null) { // a new generation replaces it (pipeline recovery)
                                long gen = r.block().generation() + 1;
                                store.finalizeSmall(new Block(id, gen, data.length), data, data.length, crcs(data));
                                live.put(id, data);
                            }
                        }
                        default -> {
                            long fresh = next++;
                            store.finalizeSmall(new Block(fresh, 1, data.length), data, data.length, crcs(data));
                            live.put(fresh, data);
                        }
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        mutator.start();
        try (ContainerCompactor compactor = new ContainerCompactor(store,
                settings(0).withRate(2L << 20).withGarbageRatio(0.3))) {
            for (int round = 0; round < 3 && failure.get() == null; round++) {
                compactor.compactAll();
            }
            System.out.printf("%d compactions under writes and deletes%n", compactor.compactions());
            assertThat(compactor.compactions()).isGreaterThanOrEqualTo(1);
        } finally {
            stop.set(true);
            mutator.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("the writer failed", failure.get());
        }
        assertHolds(store, live, Set.of());
        store.closeWithoutSync();
        store = new BlockStore(root, 0);
        assertHolds(store, live, Set.of());
        for (long id : deleted) {
            if (!live.containsKey(id)) {
                assertThat(store.get(id)).as("deleted block %d came back", id).isNull();
            }
        }
    }

    /**
     * Stops a compaction after {@code step} as a crash would, with a delete before the switch (its mark in
     * the old place) and one after it (its mark on the copy), then reopens the store twice.
     */
}
