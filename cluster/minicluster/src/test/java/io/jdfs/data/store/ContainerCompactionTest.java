package io.jdfs.data.store;

import io.jdfs.protocol.Block;
import io.jdfs.protocol.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Compaction of containers on a real store on a real disk: a container made 70 % dead is compacted (its
 * file goes, the disk use drops, every live replica reads back identical with its checksums), readers
 * racing the compaction never read a wrong byte, and a crash after each step (the store reopened
 * without a last sync) loses no live replica and brings back no deleted one, also after a second
 * restart.
 */
class ContainerCompactionTest {
    @TempDir
    Path root;
    BlockStore store;
    final Map<Long, byte[]> live = new LinkedHashMap<>();
    final Set<Long> deleted = new HashSet<>();

    /** Halts a compaction at a step, as a crash would. */
    static final class Halt extends RuntimeException {
        Halt(ContainerCompactor.Step step) {
            super("halted after " + step);
        }
    }

    @BeforeEach
    void open() throws IOException {
        System.setProperty(BlockStore.CONTAINER_SIZE_PROPERTY, String.valueOf(1 << 20));
        store = new BlockStore(root, 0);
    }

    @AfterEach
    void close() {
        store.close();
        System.clearProperty(BlockStore.CONTAINER_SIZE_PROPERTY);
    }

    static CompactionSettings settings(long graceMillis) {
        return CompactionSettings.defaults().withRate(0).withInterval(0).withGrace(graceMillis);
    }

    /** About 2.6 MB of replicas of 20-100 KiB: three 1 MiB containers, the last one active. */
    void fill() throws IOException {
        Random rnd = new Random(42);
        for (long id = 1; id <= 40; id++) {
            byte[] data = new byte[(20 << 10) + rnd.nextInt(80 << 10)];
            rnd.nextBytes(data);
            store.finalizeSmall(new Block(id, 1, data.length), data, data.length, crcs(data));
            live.put(id, data);
        }
        assertThat(store.containerStore().containerCount()).isGreaterThanOrEqualTo(3);
    }

    static int[] crcs(byte[] data) {
        int[] out = new int[(data.length + Protocol.CHUNK_SIZE - 1) / Protocol.CHUNK_SIZE];
        CRC32C crc = new CRC32C();
        for (int i = 0; i < out.length; i++) {
            crc.reset();
            crc.update(data, i * Protocol.CHUNK_SIZE, Math.min(Protocol.CHUNK_SIZE, data.length - i * Protocol.CHUNK_SIZE));
            out[i] = (int) crc.getValue();
        }
        return out;
    }

    Container first() {
        return store.containerStore().containers().stream().filter(c -> c.number == 1).findFirst().orElseThrow();
    }

    /** Deletes replicas of the first container until at least 70 % of its record bytes are dead; returns its path. */
    Path killSeventyPercentOfFirst() {
        Container c = first();
        List<Replica> in = store.replicasIn(c);
        long total = c.end();
        for (Replica r : in) {
            if (c.deadBytes.get() >= 0.7 * total) {
                break;
            }
            delete(r.id());
        }
        assertThat(store.replicasIn(c)).as("live replicas left in the first container").isNotEmpty();
        return c.path;
    }

    void delete(long id) {
        assertThat(store.delete(id)).isTrue();
        live.remove(id);
        deleted.add(id);
    }

    /** Reads a replica as the data server's readers do (by its file and offset) and checks bytes and checksums. */
    static byte[] readReplica(Replica r) throws IOException {
        byte[] out = new byte[(int) r.length()];
        ByteBuffer b = ByteBuffer.wrap(out);
        try (FileChannel ch = FileChannel.open(r.dataFile(), StandardOpenOption.READ)) {
            while (b.hasRemaining()) {
                if (ch.read(b, r.dataOffset() + b.position()) < 0) {
                    throw new IOException(r.dataFile() + " ends early");
                }
            }
        }
        assertThat(crcs(out)).as("checksums of block %d", r.id()).isEqualTo(r.checksums());
        return out;
    }

    static void assertHolds(BlockStore s, Map<Long, byte[]> expected, Set<Long> gone) throws IOException {
        assertHolds(s, expected, gone, expected.size());
    }

    static void assertHolds(BlockStore s, Map<Long, byte[]> expected, Set<Long> gone, int replicas) throws IOException {
        for (Map.Entry<Long, byte[]> e : expected.entrySet()) {
            Replica r = s.get(e.getKey());
            assertThat(r).as("live block %d", e.getKey()).isNotNull();
            assertThat(readReplica(r)).as("bytes of block %d", e.getKey()).isEqualTo(e.getValue());
        }
        for (long id : gone) {
            assertThat(s.get(id)).as("deleted block %d came back", id).isNull();
        }
        assertThat(s.replicas()).hasSize(replicas);
    }

    long containerBytes() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("containers"))) {
            long sum = 0;
            for (Path p : (Iterable<Path>) files::iterator) {
                sum += Files.size(p);
            }
            return sum;
        }
    }

    @Test
    void aContainerSeventyPercentDeadIsCompactedAndEveryLiveReplicaReadsBack() throws Exception {
        fill();
        Path firstFile = killSeventyPercentOfFirst();
        assertThat(store.containerGarbage()).isGreaterThan(0);
        long before = containerBytes();
        try (ContainerCompactor compactor = new ContainerCompactor(store, settings(0))) {
            long t0 = System.nanoTime();
            assertThat(compactor.compactAll()).isEqualTo(1);
            double secs = (System.nanoTime() - t0) / 1e9;
            assertThat(firstFile).doesNotExist();
            assertThat(compactor.compactions()).isEqualTo(1);
            assertThat(compactor.reclaimedBytes()).isGreaterThan(0);
            long after = containerBytes();
            assertThat(after).as("container bytes on disk").isLessThan(before);
            // the copies went into space the active container had allocated ahead: the disk got back at least that
            assertThat(before - after).isGreaterThanOrEqualTo(compactor.reclaimedBytes());
            assertThat(store.containerGarbage()).isZero();
            System.out.printf("compaction: copied %d bytes, reclaimed %d bytes (disk %d -> %d) in %.3f s = %.1f MiB/s copied%n",
                    compactor.copiedBytes(), compactor.reclaimedBytes(), before, after, secs,
                    compactor.copiedBytes() / secs / (1 << 20));
        }
        assertHolds(store, live, deleted);
        store.close();
        store = new BlockStore(root, 0);
        assertHolds(store, live, deleted);
    }

    /** A figure, not an assertion on time: unthrottled compaction of two 16 MiB containers 70 % dead. */
    @Test
    void figureCompactionRate() throws Exception {
        store.close();
        System.setProperty(BlockStore.CONTAINER_SIZE_PROPERTY, String.valueOf(16 << 20));
        store = new BlockStore(root, 0);
        Random rnd = new Random(9);
        for (long id = 1; id <= 300; id++) {
            byte[] data = new byte[(64 << 10) + rnd.nextInt(192 << 10)];
            rnd.nextBytes(data);
            store.finalizeSmall(new Block(id, 1, data.length), data, data.length, crcs(data));
            live.put(id, data);
        }
        for (Container c : store.containerStore().containers()) {
            if (c.number <= 2) {
                for (Replica r : store.replicasIn(c)) {
                    if (c.deadBytes.get() < 0.7 * c.end()) {
                        delete(r.id());
                    }
                }
            }
        }
        long before = containerBytes();
        try (ContainerCompactor compactor = new ContainerCompactor(store, settings(0))) {
            long t0 = System.nanoTime();
            assertThat(compactor.compactAll()).isEqualTo(2);
            double secs = (System.nanoTime() - t0) / 1e9;
            long after = containerBytes();
            System.out.printf("FIGURE compaction of 2 x 16 MiB containers 70 %% dead: %.1f MiB live copied, %.1f MiB"
                            + " reclaimed (container files %.1f -> %.1f MiB) in %.3f s: %.1f MiB/s copied, %.1f MiB/s"
                            + " of container scanned%n", compactor.copiedBytes() / 1048576.0,
                    compactor.reclaimedBytes() / 1048576.0, before / 1048576.0, after / 1048576.0, secs,
                    compactor.copiedBytes() / 1048576.0 / secs, 32 / secs);
            assertThat(after).isLessThan(before);
        }
        assertHolds(store, live, deleted);
    }

    @Test
    void aRecordFailingItsChecksumsKeepsItsContainerUntilTheReplicaIsGone() throws Exception {
        fill();
        Path firstFile = killSeventyPercentOfFirst();
        Replica bad = store.replicasIn(first()).get(0);
        try (FileChannel ch = FileChannel.open(firstFile, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {(byte) 0xA5, 0x5A}), bad.dataOffset() + 10);
        }
        try (ContainerCompactor compactor = new ContainerCompactor(store, settings(0))) {
            assertThat(compactor.compactAll()).isZero();
            assertThat(firstFile).exists();
            long garbage = store.containerGarbage();
            assertThat(compactor.compactAll()).as("no second attempt while the bad replica is there").isZero();
            assertThat(store.containerGarbage()).isEqualTo(garbage);
            Map<Long, byte[]> good = new LinkedHashMap<>(live);
            good.remove(bad.id());
            assertHolds(store, good, deleted, live.size());
            delete(bad.id()); // as the name server does once the scanner reported it
            assertThat(compactor.compactAll()).isEqualTo(1);
            assertThat(firstFile).doesNotExist();
        }
        assertHolds(store, live, deleted);
    }

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
    @ParameterizedTest
    @EnumSource(ContainerCompactor.Step.class)
    void aCrashAfterEachStepLosesNothingAndRevivesNothing(ContainerCompactor.Step crashAt) throws Exception {
        fill();
        Path firstFile = killSeventyPercentOfFirst();
        List<Long> moving = store.replicasIn(first()).stream().map(Replica::id).toList();
        assertThat(moving.size()).isGreaterThanOrEqualTo(2);
        ContainerCompactor compactor = new ContainerCompactor(store, settings(0));
        compactor.hook((step, container) -> {
            if (step == ContainerCompactor.Step.COPIED) {
                delete(moving.get(0)); // copied already: the copy must die with it
            }
            if (step == ContainerCompactor.Step.SWITCHED) {
                delete(moving.get(1)); // its copy is marked; the old record still says LIVE
            }
            if (step == crashAt) {
                throw new Halt(step);
            }
        });
        assertThatThrownBy(compactor::compactAll).isInstanceOf(Halt.class);
        assertThat(Files.exists(firstFile)).isEqualTo(crashAt != ContainerCompactor.Step.REMOVED);
        store.closeWithoutSync();
        for (int restart = 0; restart < 2; restart++) {
            store = new BlockStore(root, 0);
            assertHolds(store, live, deleted);
            if (restart == 0) {
                try (ContainerCompactor again = new ContainerCompactor(store, settings(0))) {
                    again.compactAll(); // whatever is left over the threshold
                }
                assertHolds(store, live, deleted);
            }
            store.closeWithoutSync();
        }
        assertThat(firstFile).doesNotExist();
        store = new BlockStore(root, 0);
    }
}
