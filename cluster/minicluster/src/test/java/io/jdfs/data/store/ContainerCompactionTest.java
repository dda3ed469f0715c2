package io.jdfs.data.store;

import io.jdfs.protocol.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Compaction of containers on a real store on a real disk: a container made 70 % dead is compacted (its
 * file goes, the disk use drops, every live replica reads back identical with its checksums), and a crash after each step (the store reopened
 * without a last sync) loses no live replica and brings back no deleted one, also after a second
 * restart.
 */
class ContainerCompactionTest extends CompactionStoreFixture {
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
