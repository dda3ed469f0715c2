package io.jdfs.it;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.data.HealingSettings;
import io.jdfs.data.store.BlockStore;
import io.jdfs.data.store.CompactionSettings;
import io.jdfs.data.store.ContainerCompactor;
import io.jdfs.data.store.Replica;
import io.jdfs.local.LocalCluster;
import io.jdfs.name.NameServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static io.jdfs.local.junit.TestData.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Compaction on real data servers, by their own background thread: files deleted through a client
 * leave a container 80 % dead; one server compacts it (the file goes, the metrics count it), the other
 * is killed right after its index switch, before the old file goes, and restarts: the old container is
 * dropped at start-up, no deleted replica is back, and every file left reads back identical from it.
 */
class ContainerCompactionClusterTest {
    @TempDir
    Path base;

    @Test
    void deletedFilesLeaveAContainerThatTheServersCompact() throws Exception {
        System.setProperty(BlockStore.CONTAINER_SIZE_PROPERTY, String.valueOf(1 << 20));
        HealingSettings healing = HealingSettings.defaults()
                .withCompaction(CompactionSettings.defaults().withInterval(200).withGrace(200));
        try (LocalCluster c = LocalCluster.start(base, NameServerConfig.forTests(), 2, 0, 0, healing);
             DfsClient cl = c.newClient()) {
            Map<String, byte[]> files = new HashMap<>();
            Random rnd = new Random(7);
            for (int i = 0; i < 15; i++) {
                byte[] data = new byte[200 << 10];
                rnd.nextBytes(data);
                files.put("/compact/f" + i, data);
                try (DfsOutputStream out = cl.create("/compact/f" + i, CreateOptions.defaults().withReplication(2))) {
                    out.write(data);
                }
            }
            java.util.concurrent.atomic.AtomicBoolean halted = new java.util.concurrent.atomic.AtomicBoolean();
            c.dataServer(0).compactor().hook((step, container) -> {
                if (step == ContainerCompactor.Step.SWITCHED) {
                    halted.set(true);
                    throw new IllegalStateException("test: the server dies here");
                }
            });
            BlockStore store = c.dataServer(0).store();
            Path first = store.root().resolve("containers").resolve("c_000001.dat");
            Set<Long> inFirst = store.replicas().stream().filter(r -> r.dataFile().equals(first))
                    .map(Replica::id).collect(Collectors.toSet());
            assertThat(inFirst).hasSizeGreaterThanOrEqualTo(4);
            Path otherFirst = c.dataServer(1).store().root().resolve("containers").resolve("c_000001.dat");
            int keep = 1;
            Set<Long> deletedIds = new java.util.HashSet<>();
            for (String path : List.copyOf(files.keySet())) {
                long id = cl.blockLocations(path, 0).blocks().get(0).block().id();
                if (inFirst.contains(id)) {
                    if (keep-- > 0) {
                        continue; // one live replica stays: compaction, not the removal of an empty container
                    }
                    cl.delete(path, false);
                    files.remove(path);
                    deletedIds.add(id);
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> !Files.exists(otherFirst)
                    && c.dataServer(1).compactor().compactions() >= 1 && halted.get());
            assertThat(c.dataServer(1).metrics().scrape())
                    .containsPattern("jdfs_dataserver_container_compactions_total\\S* [1-9]")
                    .containsPattern("jdfs_dataserver_container_reclaimed_bytes_total\\S* [1-9]");
            System.out.printf("server 1: %d compactions, %d bytes copied, %d bytes reclaimed%n",
                    c.dataServer(1).compactor().compactions(), c.dataServer(1).compactor().copiedBytes(),
                    c.dataServer(1).compactor().reclaimedBytes());
            assertThat(first).as("halted after the switch: the old file is still there").exists();
            c.crashDataServer(0);
            c.startDataServer(0);
            assertThat(first).as("its records lost to their copies at start-up: dropped").doesNotExist();
            for (long id : deletedIds) {
                assertThat(c.dataServer(0).store().get(id)).as("deleted block %d came back", id).isNull();
            }
            c.awaitRegistered(Duration.ofSeconds(30));
            c.stopDataServer(1); // reads must come from the restarted server
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                assertThat(readAll(cl, e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
        } finally {
            System.clearProperty(BlockStore.CONTAINER_SIZE_PROPERTY);
        }
    }
}
