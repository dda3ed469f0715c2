package io.jdfs.it;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.data.DataServer;
import io.jdfs.data.store.BlockStore;
import io.jdfs.data.store.Replica;
import io.jdfs.local.LocalCluster;
import io.jdfs.protocol.LocatedBlock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.jdfs.local.junit.TestData.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Small blocks in container files on real data servers: they are stored there, read back, deleted,
 * copied by re-replication, kept over a restart, and a torn tail left by a crash is cut at start-up
 * without losing an acknowledged replica. One cluster for the class.
 */
class SmallBlockContainerTest {
    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static DfsClient client;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.forTests(dir, 3);
        cluster.awaitRegistered(Duration.ofSeconds(30));
        client = cluster.newClient();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        cluster.close();
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static void write(String path, byte[] data, int replication) throws Exception {
        try (DfsOutputStream out = client.create(path, CreateOptions.defaults().withReplication(replication))) {
            out.write(data);
        }
    }

    static byte[] read(String path) throws Exception {
        return readAll(client, path);
    }

    static long blockOf(String path) throws Exception {
        List<LocatedBlock> blocks = client.blockLocations(path, 0).blocks();
        assertThat(blocks).hasSize(1);
        return blocks.get(0).block().id();
    }

    @Test
    void smallFilesGoToContainersAndReadBackDeleteAndCopy() throws Exception {
        Map<String, byte[]> files = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            byte[] data = random(1 + i * 9_000, i); // up to ~171 KiB: one to three chunks
            files.put("/c/f" + i, data);
            write("/c/f" + i, data, 2);
        }
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            assertThat(read(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            long id = blockOf(e.getKey());
            long inContainers = cluster.dataServers().stream().map(d -> d.store().get(id))
                    .filter(r -> r != null && r.inContainer()).count();
            assertThat(inContainers).as("replicas of %s in containers", e.getKey()).isEqualTo(2);
        }
        // a larger block still gets its own files
        byte[] big = random(600 << 10, 99);
        write("/c/big", big, 2);
        long bigId = blockOf("/c/big");
        assertThat(cluster.dataServers().stream().map(d -> d.store().get(bigId)).filter(r -> r != null))
                .allMatch(r -> !r.inContainer());
        assertThat(read("/c/big")).isEqualTo(big);

        // re-replication copies a small replica from a container into another server's container
        client.setReplication("/c/f7", 3);
        long f7 = blockOf("/c/f7");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                cluster.dataServers().stream().allMatch(d -> d.store().get(f7) != null));
        assertThat(cluster.dataServers()).allMatch(d -> d.store().get(f7).inContainer());

        long deleted = blockOf("/c/f3");
        long garbageBefore = cluster.dataServers().stream().mapToLong(d -> d.store().containerGarbage()).sum();
        client.delete("/c/f3", false);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                cluster.dataServers().stream().allMatch(d -> d.store().get(deleted) == null));
        assertThat(cluster.dataServers().stream().mapToLong(d -> d.store().containerGarbage()).sum())
                .as("the deleted replicas' bytes are accounted as garbage").isGreaterThan(garbageBefore);

        // a restart of every data server loads the containers again: the same replicas, deletes kept
        Map<Integer, List<String>> before = replicaSets();
        for (int i = 0; i < 3; i++) {
            cluster.stopDataServer(i);
            cluster.startDataServer(i);
        }
        cluster.awaitRegistered(Duration.ofSeconds(30));
        assertThat(replicaSets()).isEqualTo(before);
        files.remove("/c/f3");
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            assertThat(read(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void tornTailAfterACrashIsCutAndAcknowledgedReplicasSurvive() throws Exception {
        Map<String, byte[]> files = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            byte[] data = random(3_000 + i, 100 + i);
            files.put("/torn/f" + i, data);
            write("/torn/f" + i, data, 3);
        }
        BlockStore store = cluster.dataServer(0).store();
        Replica last = store.replicas().stream().filter(Replica::inContainer)
                .max(Comparator.comparingLong(Replica::dataOffset).thenComparing(r -> r.dataFile().toString()))
                .orElseThrow();
        Path container = last.dataFile();
        List<String> replicasBefore = replicaSets().get(0);
        cluster.crashDataServer(0);

        // a torn append: the last record's header and checksums copied past the end, its data half zeros
        long recordStart = last.dataOffset() - 40 - 4;
        long end = last.dataOffset() + last.length();
        int recordBytes = (int) (end - recordStart);
        try (FileChannel ch = FileChannel.open(container, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer rec = ByteBuffer.allocate(recordBytes);
            ch.read(rec, recordStart);
            for (int i = recordBytes / 2; i < recordBytes; i++) {
                rec.put(i, (byte) 0);
            }
            rec.put(recordBytes / 2 - 1, (byte) 0x5A);
            rec.flip();
            ch.write(rec, end);
        }

        DataServer ds = cluster.startDataServer(0);
        cluster.awaitRegistered(Duration.ofSeconds(30));
        assertThat(replicaSets().get(0)).isEqualTo(replicasBefore);
        byte[] after = Files.readAllBytes(container);
        for (long i = end; i < Math.min(after.length, end + recordBytes); i++) {
            assertThat(after[(int) i]).as("byte %d after the cut", i).isZero();
        }
        // appends continue where the cut was; they and the old replicas survive another crash
        byte[] fresh = random(5_000, 7);
        write("/torn/fresh", fresh, 3);
        long freshId = blockOf("/torn/fresh");
        assertThat(ds.store().get(freshId).dataFile()).isEqualTo(container);
        assertThat(ds.store().get(freshId).dataOffset()).isEqualTo(end + 44);
        cluster.crashDataServer(0);
        // garbage that is no record at all at the end is cut too
        try (FileChannel ch = FileChannel.open(container, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(random(100, 3)), end + 44 + 5_000);
        }
        cluster.startDataServer(0);
        cluster.awaitRegistered(Duration.ofSeconds(30));
        assertThat(cluster.dataServer(0).store().get(freshId)).isNotNull();
        // every replica on server 0 reads back: stop the others so the reads must come from it
        cluster.stopDataServer(1);
        cluster.stopDataServer(2);
        try {
            files.put("/torn/fresh", fresh);
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                assertThat(read(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
        } finally {
            cluster.startDataServer(1);
            cluster.startDataServer(2);
            cluster.awaitRegistered(Duration.ofSeconds(30));
        }
    }

    @Test
    void fullContainersRollOverAndOnesWithOnlyDeletedReplicasGo(@TempDir Path base) throws Exception {
        System.setProperty(BlockStore.CONTAINER_SIZE_PROPERTY, String.valueOf(1 << 20));
        try (LocalCluster c = LocalCluster.forTests(base, 2); DfsClient cl = c.newClient()) {
            c.awaitRegistered(Duration.ofSeconds(30));
            Map<String, byte[]> files = new HashMap<>();
            for (int i = 0; i < 12; i++) {
                byte[] data = random(200 << 10, 500 + i);
                files.put("/roll/f" + i, data);
                try (DfsOutputStream out = cl.create("/roll/f" + i, CreateOptions.defaults().withReplication(2))) {
                    out.write(data);
                }
            }
            BlockStore store = c.dataServer(0).store();
            Path containers = store.root().resolve("containers");
            Path first = containers.resolve("c_000001.dat");
            try (Stream<Path> s = Files.list(containers)) {
                assertThat(s.count()).as("1 MiB containers for 2.4 MB of replicas").isGreaterThanOrEqualTo(3);
            }
            // delete every file with a replica in the first container: the container goes
            List<Long> inFirst = store.replicas().stream().filter(r -> r.dataFile().equals(first))
                    .map(Replica::id).collect(Collectors.toList());
            assertThat(inFirst).isNotEmpty();
            for (String path : List.copyOf(files.keySet())) {
                long id = cl.blockLocations(path, 0).blocks().get(0).block().id();
                if (inFirst.contains(id)) {
                    cl.delete(path, false);
                    files.remove(path);
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(first));
            c.stopDataServer(0);
            c.startDataServer(0);
            c.awaitRegistered(Duration.ofSeconds(30));
            c.stopDataServer(1); // reads must come from the restarted server
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                assertThat(readAll(cl, e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
        } finally {
            System.clearProperty(BlockStore.CONTAINER_SIZE_PROPERTY);
        }
    }

    static Map<Integer, List<String>> replicaSets() {
        Map<Integer, List<String>> out = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            out.put(i, cluster.dataServer(i).store().replicas().stream().map(r -> r.block().toString()).sorted()
                    .collect(Collectors.toList()));
        }
        return out;
    }
}
