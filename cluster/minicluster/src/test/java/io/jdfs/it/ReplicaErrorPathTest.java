package io.jdfs.it;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.data.HealingSettings;
import io.jdfs.data.store.BlockStore;
import io.jdfs.local.LocalCluster;
import io.jdfs.name.NameServerConfig;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Error paths of a real data server leave nothing behind: a replica whose finalize fails has its tmp
 * files removed and its reserved bytes given back (the writer goes on without that server); a copy
 * interrupted while it waits for its bandwidth share releases the packet it had read.
 */
class ReplicaErrorPathTest {
    @Test
    void failedFinalizeRemovesTmpFilesAndGivesBackReservedBytes(@TempDir Path dir) throws Exception {
        try (LocalCluster c = LocalCluster.forTests(dir, 3)) {
            c.awaitRegistered(Duration.ofSeconds(30));
            try (DfsClient client = c.newClient()) {
                byte[] data = new byte[600 << 10]; // above the container limit: a file replica
                new Random(1).nextBytes(data);
                write(client, "/e/first", data);
                long firstId = client.blockLocations("/e/first", 0).blocks().get(0).block().id();
                BlockStore store = c.dataServer(0).store();
                long usedBefore = store.used();

                // the next block's final name on server 0 is taken by a directory: its finalize fails
                long nextId = firstId + 1;
                Path blocked = store.root().resolve("finalized")
                        .resolve(String.format("%02x", (nextId >> 16) & 0xff))
                        .resolve(String.format("%02x", (nextId >> 8) & 0xff))
                        .resolve("blk_" + nextId);
                Files.createDirectories(blocked.resolve("in-the-way"));

                write(client, "/e/second", data);
                assertThat(client.blockLocations("/e/second", 0).blocks().get(0).block().id()).isEqualTo(nextId);
                try (InputStream in = client.open("/e/second")) {
                    assertThat(in.readAllBytes()).isEqualTo(data);
                }
                assertThat(store.get(nextId)).as("server 0 kept no replica of the failed block").isNull();
                try (Stream<Path> tmp = Files.list(store.root().resolve("tmp"))) {
                    assertThat(tmp).as("tmp files of the failed replica").isEmpty();
                }
                assertThat(store.used()).as("reserved bytes given back").isEqualTo(usedBefore);
            }
        }
    }

    @Test
    void copyInterruptedWhileThrottledReleasesItsPacket(@TempDir Path dir) throws Exception {
        List<String> leaks = new CopyOnWriteArrayList<>();
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ByteBufUtil.setLeakListener((type, records) -> leaks.add(records));
        // 64 KiB/s: the first 512 KiB packet of a copy waits seconds for its share of the bandwidth
        HealingSettings slowCopies = HealingSettings.defaults().withReplicationBandwidth(64 << 10);
        try (LocalCluster c = LocalCluster.start(dir, NameServerConfig.forTests(), 2, 0, 0, slowCopies)) {
            c.awaitRegistered(Duration.ofSeconds(30));
            try (DfsClient client = c.newClient()) {
                byte[] data = new byte[2 << 20];
                new Random(2).nextBytes(data);
                try (DfsOutputStream out = client.create("/slow", CreateOptions.defaults().withReplication(1))) {
                    out.write(data);
                }
                String holder = client.blockLocations("/slow", 0).blocks().get(0).locations().get(0).id();
                int index = c.dataServer(0).serverId().equals(holder) ? 0 : 1;
                client.setReplication("/slow", 2);
                await().atMost(Duration.ofSeconds(30)).until(ReplicaErrorPathTest::copyIsThrottled);
                c.stopDataServer(index); // interrupts the copy in its wait
            }
        }
        assertNoLeakFrom(leaks, level, "copyInterruptedWhileThrottledReleasesItsPacket", "BlockReplicator");
    }

    @Test
    void writerInterruptedWhileWaitingForBudgetReleasesItsPacket(@TempDir Path dir) throws Exception {
        List<String> leaks = new CopyOnWriteArrayList<>();
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ByteBufUtil.setLeakListener((type, records) -> leaks.add(records));
        try (LocalCluster c = LocalCluster.forTests(dir, 2)) {
            c.awaitRegistered(Duration.ofSeconds(30));
            try (DfsClient client = c.newClient()) {
                c.setDataServerFrozen(0, true);
                c.setDataServerFrozen(1, true); // no acks: the writer's budget runs out
                Thread writer = new Thread(() -> {
                    // 32 MiB blocks, 4 in flight: the writer's budget (64 MiB at most, kept until a block is
                    // done) binds in the third block, before the limit of blocks in flight
                    try (DfsOutputStream out = client.create("/stuck", CreateOptions.defaults()
                            .withBlockSize(32 << 20).withReplication(1))) {
                        byte[] chunk = new byte[1 << 20];
                        for (int i = 0; i < 96; i++) {
                            out.write(chunk);
                        }
                    } catch (Exception expected) {
                        // interrupted, or its pipelines failed: either way the stream gives up
                    }
                }, "stuck-writer");
                writer.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> Stream.of(writer.getStackTrace())
                        .anyMatch(f -> f.getMethodName().equals("acquire") && f.getClassName().endsWith("DfsOutputStream")));
                writer.interrupt();
                writer.join();
                c.setDataServerFrozen(0, false);
                c.setDataServerFrozen(1, false);
            }
        }
        assertNoLeakFrom(leaks, level, "writerInterruptedWhileWaitingForBudgetReleasesItsPacket", "DfsOutputStream");
    }

    /**
     * A buffer leaked on purpose (allocated in {@code testMethod}) shows the detector reports; then no
     * leaked buffer may have been allocated by {@code suspect}.
     */
    private static void assertNoLeakFrom(List<String> leaks, ResourceLeakDetector.Level level, String testMethod,
                                         String suspect) {
        controlLeak();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                System.gc();
                for (int i = 0; i < 100; i++) {
                    PooledByteBufAllocator.DEFAULT.directBuffer(64).release(); // tracking polls the leak queue
                }
                return leaks.stream().anyMatch(r -> r.contains("controlLeak"));
            });
            assertThat(leaks).noneMatch(r -> r.contains(suspect));
        } finally {
            ByteBufUtil.setLeakListener(null);
            ResourceLeakDetector.setLevel(level);
        }
    }

    private static void controlLeak() {
        PooledByteBufAllocator.DEFAULT.directBuffer(64).writeByte(1);
    }

    private static boolean copyIsThrottled() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("jdfs-ds-replicate"))
                .anyMatch(e -> Stream.of(e.getValue()).anyMatch(f -> f.getClassName().endsWith("Throttle")));
    }

    private static void write(DfsClient client, String path, byte[] data) throws Exception {
        try (DfsOutputStream out = client.create(path, CreateOptions.defaults().withReplication(3))) {
            out.write(data);
        }
    }
}
