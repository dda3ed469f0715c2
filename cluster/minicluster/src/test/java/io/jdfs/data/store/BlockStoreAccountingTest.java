package io.jdfs.data.store;

import io.jdfs.protocol.Block;
import io.jdfs.rpc.Checksums;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.jdfs.local.junit.TestData.random;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real store on a temp dir: {@link BlockStore#used} is the bytes of the replicas it holds (no writer in
 * flight) after every finalize, replacement, delete and reopen, for replicas in files and in containers;
 * and while deletes run on another thread, it never counts bytes of a replica a reader can no longer see
 * (a replica's bytes once came back only after its files were gone).
 */
class BlockStoreAccountingTest extends BlockStoreTestBase {
    private static final int PACKET = 64 << 10;
    private static final int SMALL = 10_000;
    private static final int LARGE = ContainerStore.SMALL_MAX + 5_000;

    /** Writes and finalizes a replica as a pipeline does, in packets; large ones go to files, small to a container. */
    private Replica put(long id, long generation, int size) throws IOException {
        byte[] data = random(size, id * 31 + generation);
        ReplicaWriter w = store.create(new Block(id, generation, 0));
        for (int off = 0; off < size; off += PACKET) {
            ByteBuf b = Unpooled.wrappedBuffer(data, off, Math.min(PACKET, size - off));
            w.write(off, b, Checksums.compute(b));
        }
        return w.finish();
    }

    private static long sum(BlockStore s) {
        return s.replicas().stream().mapToLong(Replica::length).sum();
    }

    private void assertUsedIsTheSum(String after) {
        assertThat(store.used()).as("used after %s", after).isEqualTo(sum(store));
    }

    @Test
    void usedIsTheSumOfTheReplicasAfterEveryStep() throws Exception {
        for (long id = 1; id <= 6; id++) {
            put(id, 1, id % 2 == 0 ? LARGE : SMALL + (int) id);
        }
        assertThat(store.get(1).inContainer()).isTrue();
        assertThat(store.get(2).inContainer()).isFalse();
        assertUsedIsTheSum("finalizing");
        // newer generations replace: small over small, large over large, and each over the other kind
        put(1, 2, SMALL / 2);
        put(2, 2, LARGE + 1);
        put(3, 2, LARGE);
        put(4, 2, SMALL);
        assertThat(store.replicas()).hasSize(6);
        assertThat(store.get(3).inContainer()).isFalse();
        assertThat(store.get(4).inContainer()).isTrue();
        assertUsedIsTheSum("replacing");
        long used = store.used();
        store.close();
        store = new BlockStore(dir, 0);
        assertThat(store.used()).as("used after reopening").isEqualTo(used);
        assertUsedIsTheSum("reopening");
        for (long id = 1; id <= 6; id++) {
            assertThat(store.delete(id)).isTrue();
            assertThat(store.get(id)).isNull();
            assertUsedIsTheSum("deleting block " + id);
        }
        assertThat(store.delete(1)).isFalse();
        assertThat(store.used()).isZero();
    }

    @Test
    void aReaderNeverSeesBytesOfADeletedReplica() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (long id = 1; id <= 240; id++) {
            put(id, 1, id % 4 == 0 ? LARGE : SMALL);
            ids.add(id);
        }
        assertUsedIsTheSum("finalizing");
        CompletableFuture<Void> deletes = CompletableFuture.runAsync(() -> ids.forEach(id -> {
            if (!store.delete(id)) {
                throw new AssertionError("block " + id + " was not there to delete");
            }
        }));
        int samples = 0;
        while (!deletes.isDone()) {
            // the replicas first, then used: with deletes only, used read later can only be lower, unless
            // it still counts a replica that left the map before the sum was taken
            long visible = sum(store);
            long used = store.used();
            assertThat(used).as("used against the replicas visible just before").isLessThanOrEqualTo(visible);
            samples++;
        }
        deletes.join();
        assertThat(samples).isPositive();
        assertThat(store.replicas()).isEmpty();
        assertThat(store.used()).isZero();
    }
}
