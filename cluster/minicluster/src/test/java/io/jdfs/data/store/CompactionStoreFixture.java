package io.jdfs.data.store;

import io.jdfs.protocol.Block;
import io.jdfs.protocol.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real block store on a real disk with 1 MiB containers, filled with replicas of 20-100 KiB, for the
 * compaction tests: what is live and what was deleted, and checks that read replicas back as the data
 * server's readers do.
 */
abstract class CompactionStoreFixture {
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

}
