package io.jdfs.it;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.DataServerState;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.NoSpaceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The first block a create call allocates (CreateWithBlock) goes stale when the writer waits too long
 * before its first write: its servers may have died since. A stream older than
 * {@link DfsOutputStream#FIRST_BLOCK_FRESH_PROPERTY} asks the name server for that block again (AddBlock
 * of index 0, answered with the same block and a pipeline of live servers); a younger one uses the block
 * as allocated, without the call. With no live server left, the re-ask fails with "no live data servers".
 */
class StaleFirstBlockTest {
    @TempDir
    Path dir;

    static double addBlocks(LocalCluster c) throws Exception {
        return MetricsTest.scrape(c.nameServer().webPort()).stream()
                .filter(s -> s.name().equals("jdfs_rpc_seconds_count") && "AddBlock".equals(s.labels().get("call")))
                .mapToDouble(PrometheusText.Sample::value).sum(); // no sample before the first call
    }

    static boolean isDead(DfsClient client, String serverId) throws Exception {
        return client.clusterStatus().servers().stream()
                .anyMatch(s -> s.id().equals(serverId) && s.state() == DataServerState.DEAD);
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static void assertReadsBack(DfsClient cl, String path, byte[] data) throws Exception {
        try (InputStream in = cl.open(path)) {
            assertThat(in.readAllBytes()).as(path).isEqualTo(data);
        }
        assertThat(cl.blockLocations(path, 0).blocks()).as("blocks of %s", path).hasSize(1);
    }

    @Test
    void aFirstBlockOlderThanTheIntervalIsAskedForAgainWithLiveServers() throws Exception {
        try (LocalCluster c = LocalCluster.forTests(dir, 3); DfsClient cl = c.newClient()) {
            CreateOptions three = CreateOptions.defaults().withReplication(3);
            DfsOutputStream fresh;
            DfsOutputStream stale;
            DfsOutputStream orphan;
            try {
                System.setProperty(DfsOutputStream.FIRST_BLOCK_FRESH_PROPERTY, "600000");
                fresh = cl.create("/fresh", three); // block 0 on all three servers, usable for 10 minutes
                System.setProperty(DfsOutputStream.FIRST_BLOCK_FRESH_PROPERTY, "300");
                stale = cl.create("/stale", three); // the same, usable for 300 ms
                orphan = cl.create("/orphan", three);
            } finally {
                System.clearProperty(DfsOutputStream.FIRST_BLOCK_FRESH_PROPERTY);
            }
            double before = addBlocks(c);
            String victim = c.dataServer(2).serverId();
            c.stopDataServer(2);
            await().atMost(Duration.ofSeconds(30)).until(() -> isDead(cl, victim)); // takes longer than 300 ms

            byte[] staleData = random(100_000, 1);
            stale.write(staleData);
            assertThat(stale.currentPipeline()).extracting(DataServerRef::id)
                    .as("the re-asked pipeline holds only live servers").hasSize(2).doesNotContain(victim);
            stale.close();
            assertThat(addBlocks(c) - before).as("AddBlock calls: the stale stream re-asked block 0").isEqualTo(1);
            assertReadsBack(cl, "/stale", staleData);

            byte[] freshData = random(100_000, 2);
            fresh.write(freshData); // its block as allocated (the dead server is dropped by pipeline recovery)
            fresh.close();
            assertThat(addBlocks(c) - before).as("AddBlock calls: the fresh stream asked for nothing").isEqualTo(1);
            assertReadsBack(cl, "/fresh", freshData);

            c.stopDataServer(1);
            c.stopDataServer(0);
            await().atMost(Duration.ofSeconds(30)).until(() -> cl.clusterStatus().servers().stream()
                    .allMatch(s -> s.state() == DataServerState.DEAD));
            assertThatThrownBy(() -> orphan.write(new byte[10]))
                    .isInstanceOf(NoSpaceException.class)
                    .hasMessageContaining("no live data servers")
                    .satisfies(e -> assertThat(((NoSpaceException) e).code()).isEqualTo(ErrorCode.NO_DATA_SERVERS));
            orphan.abort();
        }
    }
}
