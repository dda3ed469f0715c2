package io.jdfs.it;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import io.jdfs.protocol.PathNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SetReplicationTest {
    @Test
    void raisingAndLoweringReplicationAddsAndTrimsReplicas(@TempDir Path dir) throws Exception {
        try (LocalCluster c = LocalCluster.forTests(dir, 3); DfsClient client = c.newClient()) {
            byte[] data = new byte[3 << 20];
            new Random(5).nextBytes(data);
            for (String f : new String[]{"/r/a", "/r/sub/b"}) {
                try (DfsOutputStream out = client.create(f, CreateOptions.defaults().withBlockSize(1 << 20))) {
                    out.write(data);
                }
            }
            assertThat(client.setReplication("/r", 3).isDirectory()).isTrue();
            assertThat(client.stat("/r/sub/b").replication()).isEqualTo(3);
            await().atMost(Duration.ofSeconds(30)).until(() -> replicasEach(client, "/r/a", 3)
                    && replicasEach(client, "/r/sub/b", 3));
            client.setReplication("/r/a", 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> replicasEach(client, "/r/a", 1));
            long onDisk = c.dataServers().stream().mapToLong(d -> d.store().replicas().size()).sum();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    c.dataServers().stream().mapToLong(d -> d.store().replicas().size()).sum() == 3 + 9);
            assertThat(onDisk).isGreaterThanOrEqualTo(12);
            // the change survives a restart of the name server
            c.restartNameServer();
            try (DfsClient again = c.newClient()) {
                assertThat(again.stat("/r/a").replication()).isEqualTo(1);
                assertThat(again.stat("/r/sub/b").replication()).isEqualTo(3);
            }
            assertThatThrownBy(() -> client.setReplication("/nope", 2)).isInstanceOf(PathNotFoundException.class);
            assertThatThrownBy(() -> client.setReplication("/r/a", 0)).hasMessageContaining("replication");
        }
    }

    private static boolean replicasEach(DfsClient client, String path, int n) throws Exception {
        return client.allBlocks(path).stream().allMatch(b -> b.locations().size() == n);
    }
}
