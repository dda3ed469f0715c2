package io.jdfs.it;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.data.HealingSettings;
import io.jdfs.data.store.BlockStore;
import io.jdfs.data.store.CompactionSettings;
import io.jdfs.data.store.Replica;
import io.jdfs.local.LocalCluster;
import io.jdfs.name.NameServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Compaction on real data servers, by their own background thread: files deleted through a client
 * leave a container 80 % dead, the servers compact it (the file goes, the metrics count it), and every
 * file left reads back identical, also from a restarted server.
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
            BlockStore store = c.dataServer(0).store();
            Path first = store.root().resolve("containers").resolve("c_000001.dat");
            Set<Long> inFirst = store.replicas().stream().filter(r -> r.dataFile().equals(first))
                    .map(Replica::id).collect(Collectors.toSet());
            assertThat(inFirst).hasSizeGreaterThanOrEqualTo(4);
            int keep = 1;
            for (String path : List.copyOf(files.keySet())) {
                long id = cl.blockLocations(path, 0).blocks().get(0).block().id();
                if (inFirst.contains(id)) {
                    if (keep-- > 0) {
                        continue; // one live replica stays: compaction, not the removal of an empty container
                    }
                    cl.delete(path, false);
                    files.remove(path);
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> !Files.exists(first)
                    && c.dataServer(0).compactor().compactions() >= 1);
            assertThat(c.dataServer(0).metrics().scrape())
                    .containsPattern("jdfs_dataserver_container_compactions_total\\S* [1-9]")
                    .containsPattern("jdfs_dataserver_container_reclaimed_bytes_total\\S* [1-9]");
            System.out.printf("server 0: %d compactions, %d bytes copied, %d bytes reclaimed%n",
                    c.dataServer(0).compactor().compactions(), c.dataServer(0).compactor().copiedBytes(),
                    c.dataServer(0).compactor().reclaimedBytes());
            c.stopDataServer(0);
            c.startDataServer(0);
            c.awaitRegistered(Duration.ofSeconds(30));
            c.stopDataServer(1); // reads must come from the compacted, restarted server
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                try (InputStream in = cl.open(e.getKey())) {
                    assertThat(in.readAllBytes()).as(e.getKey()).isEqualTo(e.getValue());
                }
            }
        } finally {
            System.clearProperty(BlockStore.CONTAINER_SIZE_PROPERTY);
        }
    }
}
