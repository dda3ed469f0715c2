package io.jdfs.it;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.SafeModeException;
import io.jdfs.protocol.UnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jdfs.local.junit.TestData.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class DurabilityTest {
    static final long BLOCK = 1 << 20;

    static Map<String, byte[]> writeFiles(DfsClient client, int count) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            byte[] data = random((int) (i * BLOCK / 3 + i), i);
            String path = "/dur/d" + (i % 3) + "/f" + i;
            try (DfsOutputStream out = client.create(path, CreateOptions.defaults().withBlockSize(BLOCK))) {
                out.write(data);
            }
            files.put(path, data);
        }
        return files;
    }

    static void verify(DfsClient client, Map<String, byte[]> files) throws Exception {
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            try (InputStream in = client.open(e.getKey())) {
                assertThat(Arrays.equals(in.readAllBytes(), e.getValue())).as(e.getKey()).isTrue();
            }
        }
    }

    @Test
    void nameServerRestartKeepsEveryFileWhileDataServersRun(@TempDir Path dir) throws Exception {
        try (LocalCluster c = LocalCluster.forTests(dir, 3)) {
            Map<String, byte[]> files;
            try (DfsClient client = c.newClient()) {
                files = writeFiles(client, 10);
                client.rename("/dur/d0/f0", "/dur/moved", false);
                files.put("/dur/moved", files.remove("/dur/d0/f0"));
                client.delete("/dur/d1/f1", false);
                files.remove("/dur/d1/f1");
            }
            c.restartNameServer();
            try (DfsClient client = c.newClient()) {
                verify(client, files);
                assertThat(client.exists("/dur/d1/f1")).isFalse();
                assertThat(client.exists("/dur/d0/f0")).isFalse();
                // writes resume once safe mode is over
                await().atMost(Duration.ofSeconds(20)).until(() -> !client.admin().safeMode("get").on());
                try (DfsOutputStream out = client.create("/after")) {
                    out.write(7);
                }
            }
            // a data server restarted afterwards reports its blocks again
            c.stopDataServer(1);
            c.startDataServer(1);
            c.awaitRegistered(Duration.ofSeconds(10));
            try (DfsClient client = c.newClient()) {
                await().atMost(Duration.ofSeconds(20)).until(() -> client.clusterStatus().underReplicatedBlocks() == 0);
                verify(client, files);
            }
        }
    }

    @Test
    void safeModeHoldsWritesUntilBlocksAreReported(@TempDir Path dir) throws Exception {
        try (LocalCluster c = LocalCluster.forTests(dir, 2)) {
            Map<String, byte[]> files;
            try (DfsClient client = c.newClient()) {
                files = writeFiles(client, 4);
            }
            c.stopDataServer(0);
            c.stopDataServer(1);
            c.restartNameServer();
            ClientConfig impatient = ClientConfig.of(c.nameServerAddress()).withSafeModeWait(300);
            try (DfsClient client = DfsClient.connect(impatient)) {
                Reply.SafeModeReply sm = client.admin().safeMode("get");
                assertThat(sm.on()).isTrue();
                assertThat(sm.status()).contains("0 of");
                assertThatThrownBy(() -> client.mkdirs("/nope")).isInstanceOf(SafeModeException.class)
                        .hasMessageContaining("safe mode");
                // reads still work for the namespace
                assertThat(client.list("/dur")).hasSize(3);
                c.startDataServer(0);
                c.startDataServer(1);
                await().atMost(Duration.ofSeconds(20)).until(() -> !client.admin().safeMode("get").on());
                verify(client, files);
                client.mkdirs("/now");
                // an operator can hold the name server in safe mode and release it
                assertThat(client.admin().safeMode("enter").on()).isTrue();
                assertThatThrownBy(() -> client.mkdirs("/held")).isInstanceOf(SafeModeException.class)
                        .hasMessageContaining("dfs admin safemode leave");
                assertThat(client.admin().safeMode("leave").on()).isFalse();
                client.mkdirs("/released");
            }
        }
    }

    @Test
    void replicasOfBlocksDeletedWhileTheirServerWasAwayAreRemovedAfterSafeMode(@TempDir Path dir) throws Exception {
        try (LocalCluster c = LocalCluster.forTests(dir, 2)) {
            List<Long> ids;
            try (DfsClient client = c.newClient()) {
                try (DfsOutputStream out = client.create("/doomed", CreateOptions.defaults().withBlockSize(BLOCK))) {
                    out.write(random((int) (3 * BLOCK), 1));
                }
                writeFiles(client, 2);
                await().atMost(Duration.ofSeconds(10)).until(() -> client.allBlocks("/doomed").stream()
                        .allMatch(b -> b.locations().size() == 2));
                ids = client.allBlocks("/doomed").stream().map(b -> b.block().id()).toList();
                c.stopDataServer(0);
                client.delete("/doomed", false);
            }
            c.restartNameServer();
            c.startDataServer(0);
            // pending deletions die with the old name server: both servers' replicas become orphans,
            // and both are removed once safe mode ends
            await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id ->
                    c.dataServer(0).store().get(id) == null && c.dataServer(1).store().get(id) == null));
        }
    }

    @Test
    void clientsGetARetryableErrorWhileTheNameServerIsDownAndReconnectAfter(@TempDir Path dir) throws Exception {
        try (LocalCluster c = LocalCluster.forTests(dir, 1); DfsClient client = c.newClient()) {
            client.mkdirs("/x");
            int port = c.nameServer().port();
            c.nameServer().close();
            assertThatThrownBy(() -> client.stat("/x")).isInstanceOf(UnavailableException.class)
                    .hasMessageContaining("name server");
            c.restartNameServerOnPort(port);
            assertThat(client.stat("/x").isDirectory()).isTrue();
        }
    }
}
