package io.jdfs.it;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.data.store.Replica;
import io.jdfs.local.LocalCluster;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.LocatedBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static io.jdfs.it.SelfHealingTest.fullyReplicated;
import static io.jdfs.it.SelfHealingTest.indexOf;
import static io.jdfs.local.junit.TestData.random;
import static io.jdfs.it.SelfHealingTest.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A recovered pipeline with no server to spare ends its block short of the replication factor; the
 * block is copied back to it after the close (3 data servers, replication 3, one stopped mid-block).
 */
class PipelineRecoveryHealTest {
    static final int BLOCK = 4 << 20;

    @Test
    void aBlockLeftWithTwoSurvivorsIsCopiedBackToThree(@TempDir Path dir) throws Exception {
        try (LocalCluster cluster = LocalCluster.forTests(dir, 3);
             DfsClient client = DfsClient.connect(cluster.clientConfig().withBlocksInFlight(1))) {
            cluster.awaitRegistered(Duration.ofSeconds(30));
            byte[] data = random(BLOCK + BLOCK / 3, 31);
            DfsOutputStream out = client.create("/heal", CreateOptions.defaults().withBlockSize(BLOCK).withReplication(3));
            int victim;
            try (out) {
                out.write(data, 0, BLOCK + BLOCK / 4); // block 0, and 1 MiB of block 1
                await().atMost(Duration.ofSeconds(30)).until(() -> out.bufferedBytes() == 0);
                victim = indexOf(cluster, out.currentPipeline().get(1).id());
                cluster.stopDataServer(victim);
                out.write(data, BLOCK + BLOCK / 4, data.length - BLOCK - BLOCK / 4);
            }
            assertThat(out.recoveryResumedBytes()).isEqualTo(BLOCK / 4);
            // no server was left to replace the lost one: two replicas (each reported when it finalized)
            await().atMost(Duration.ofSeconds(10)).until(() -> client.allBlocks("/heal").get(1).locations().size() == 2);
            Block block = client.allBlocks("/heal").get(1).block();
            assertThat(block.generation()).isEqualTo(2);
            try (InputStream in = client.open("/heal")) {
                assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(data));
            }
            // the stopped server returns without the block (its tmp files are cleaned at start); the
            // name server copies the block to it
            cluster.startDataServer(victim);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> fullyReplicated(client, "/heal"));
            LocatedBlock healed = client.allBlocks("/heal").get(1);
            assertThat(healed.locations()).hasSize(3);
            for (DataServerRef l : healed.locations()) {
                Replica r = cluster.dataServer(indexOf(cluster, l.id())).store().get(block.id());
                assertThat(r.block()).isEqualTo(block);
            }
            try (Stream<Path> tmp = Files.list(cluster.storageDir(victim).resolve("tmp"))) {
                assertThat(tmp).isEmpty();
            }
            try (InputStream in = client.open("/heal")) {
                assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(data));
            }
        }
    }
}
