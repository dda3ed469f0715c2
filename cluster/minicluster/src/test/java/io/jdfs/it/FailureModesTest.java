package io.jdfs.it;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import io.jdfs.name.NameServerConfig;
import io.jdfs.protocol.ClusterStatus;
import io.jdfs.protocol.DataServerState;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.NoSpaceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class FailureModesTest {
    static final long BLOCK = 1 << 20;

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void noLiveDataServerIsAClearError(@TempDir Path dir) throws Exception {
        try (LocalCluster c = LocalCluster.forTests(dir, 0); DfsClient client = c.newClient()) {
            DfsOutputStream out = client.create("/f");
            assertThatThrownBy(() -> {
                out.write(new byte[10]);
                out.close();
            }).isInstanceOf(NoSpaceException.class).hasMessageContaining("no live data servers");
        }
    }

    @Test
    void fullClusterRefusesNewBlocksAndKeepsWhatItHas(@TempDir Path dir) throws Exception {
        try (LocalCluster c = LocalCluster.start(dir, NameServerConfig.forTests(), 2, 0, 3 * BLOCK);
             DfsClient client = c.newClient()) {
            byte[] small = random((int) BLOCK);
            try (DfsOutputStream out = client.create("/keep", CreateOptions.defaults().withBlockSize(BLOCK))) {
                out.write(small);
            }
            assertThatThrownBy(() -> {
                try (DfsOutputStream out = client.create("/huge", CreateOptions.defaults().withBlockSize(BLOCK))) {
                    out.write(random((int) (10 * BLOCK)));
                }
            }).isInstanceOf(NoSpaceException.class).extracting(e -> ((NoSpaceException) e).code())
                    .isEqualTo(ErrorCode.NO_SPACE);
            try (InputStream in = client.open("/keep")) {
                assertThat(Arrays.equals(in.readAllBytes(), small)).isTrue();
            }
        }
    }

    @Test
    void fewerServersThanReplicationStillWritesUnderReplicated(@TempDir Path dir) throws Exception {
        try (LocalCluster c = LocalCluster.forTests(dir, 1); DfsClient client = c.newClient()) {
            byte[] data = random((int) (2 * BLOCK + 5));
            try (DfsOutputStream out = client.create("/one", CreateOptions.defaults().withBlockSize(BLOCK))) {
                out.write(data);
            }
            try (InputStream in = client.open("/one")) {
                assertThat(Arrays.equals(in.readAllBytes(), data)).isTrue();
            }
            assertThat(client.allBlocks("/one")).allSatisfy(b -> assertThat(b.locations()).hasSize(1));
            assertThat(client.clusterStatus().underReplicatedBlocks()).isEqualTo(3);
        }
    }

    @Test
    void vanishedWriterLosesItsLeaseAndTheFileIsClosedAtItsLastCompleteBlock(@TempDir Path dir) throws Exception {
        try (LocalCluster c = LocalCluster.start(dir, NameServerConfig.forTests().withLeaseExpiry(1_000), 2, 0, 0)) {
            byte[] data = random((int) (BLOCK + BLOCK / 2));
            DfsClient writer = c.newClient();
            DfsOutputStream out = writer.create("/orphan", CreateOptions.defaults().withBlockSize(BLOCK));
            out.write(data);
            // the first block is complete: wait until both replicas are reported
            await().atMost(Duration.ofSeconds(10)).until(() -> c.nameServer().status().clusterStatus().blocks() == 2
                    && c.dataServers().stream().allMatch(d -> d.store().replicas().size() >= 1));
            writer.close(); // the client vanishes without closing its stream
            try (DfsClient reader = c.newClient()) {
                await().atMost(Duration.ofSeconds(15)).until(() -> reader.stat("/orphan").complete());
                FileStatus s = reader.stat("/orphan");
                assertThat(s.length()).isEqualTo(BLOCK);
                try (InputStream in = reader.open("/orphan")) {
                    assertThat(Arrays.equals(in.readAllBytes(), Arrays.copyOf(data, (int) BLOCK))).isTrue();
                }
                // the lease is gone: another client may now replace the file
                try (DfsOutputStream again = reader.create("/orphan", CreateOptions.overwriting())) {
                    again.write(1);
                }
                assertThat(reader.stat("/orphan").length()).isEqualTo(1);
            }
        }
    }

    @Test
    void deadServerIsDetectedAndReadsGoOn(@TempDir Path dir) throws Exception {
        try (LocalCluster c = LocalCluster.forTests(dir, 3); DfsClient client = c.newClient()) {
            byte[] data = random((int) (6 * BLOCK));
            try (DfsOutputStream out = client.create("/survive", CreateOptions.defaults().withBlockSize(BLOCK))) {
                out.write(data);
            }
            c.stopDataServer(0);
            // reads work at once, before the name server notices
            try (InputStream in = client.open("/survive")) {
                assertThat(Arrays.equals(in.readAllBytes(), data)).isTrue();
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> client.clusterStatus().servers().stream()
                    .anyMatch(s -> s.state() == DataServerState.DEAD));
            ClusterStatus st = client.clusterStatus();
            assertThat(st.servers().stream().filter(s -> s.state() == DataServerState.LIVE).count()).isEqualTo(2);
            assertThat(st.missingBlocks()).isZero();
            // a restarted server registers again and reports its blocks
            c.startDataServer(0);
            await().atMost(Duration.ofSeconds(15)).until(() -> client.clusterStatus().servers().stream()
                    .allMatch(s -> s.state() == DataServerState.LIVE));
            await().atMost(Duration.ofSeconds(15)).until(() -> client.clusterStatus().underReplicatedBlocks() == 0);
        }
    }

    @Test
    void adminApiServesClusterStatusAsJson(@TempDir Path dir) throws Exception {
        try (LocalCluster c = LocalCluster.forTests(dir, 3)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + c.nameServer().webPort() + "/api/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
            ClusterStatus st = io.jdfs.protocol.Json.MAPPER.readValue(r.body(), ClusterStatus.class);
            assertThat(st.servers()).hasSize(3).allSatisfy(s -> {
                assertThat(s.state()).isEqualTo(DataServerState.LIVE);
                assertThat(s.capacity()).isPositive();
            });
            assertThat(st.clusterId()).isEqualTo(c.nameServer().clusterId());
            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + c.nameServer().webPort() + "/api/nope")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void corruptReplicaIsNeverServedAndIsReported(@TempDir Path dir) throws Exception {
        try (LocalCluster c = LocalCluster.forTests(dir, 2); DfsClient client = c.newClient()) {
            byte[] data = random((int) (2 * BLOCK));
            try (DfsOutputStream out = client.create("/flip", CreateOptions.defaults().withBlockSize(BLOCK))) {
                out.write(data);
            }
            var block = client.allBlocks("/flip").get(0);
            // flip one byte of the first block's replica on every server but one: readers must find the good one
            var ds = c.dataServer(0);
            var replica = ds.store().get(block.block().id());
            byte[] onDisk = java.nio.file.Files.readAllBytes(replica.dataFile());
            onDisk[(int) replica.dataOffset() + 12345] ^= 0x40;
            java.nio.file.Files.write(replica.dataFile(), onDisk);
            // replicas are tried in random order: read until a reader has met the bad one, which it must
            // skip (correct bytes every time) and report (the name server then stops offering it)
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                try (InputStream in = client.open("/flip")) {
                    assertThat(Arrays.equals(in.readAllBytes(), data)).isTrue();
                }
                return client.allBlocks("/flip").get(0).locations().stream().noneMatch(l -> l.id().equals(ds.serverId()));
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> ds.store().get(block.block().id()) == null);
        }
    }

    @Test
    void deletedFilesReleaseTheirReplicasOnDisk(@TempDir Path dir) throws Exception {
        try (LocalCluster c = LocalCluster.forTests(dir, 3); DfsClient client = c.newClient()) {
            try (DfsOutputStream out = client.create("/gone/f", CreateOptions.defaults().withBlockSize(BLOCK))) {
                out.write(random((int) (4 * BLOCK)));
            }
            var ids = client.allBlocks("/gone/f").stream().map(b -> b.block().id()).toList();
            assertThat(c.dataServers().stream().mapToLong(d -> d.store().replicas().size()).sum()).isEqualTo(8);
            assertThat(client.delete("/gone", true)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> c.dataServers().stream()
                    .allMatch(d -> ids.stream().allMatch(id -> d.store().get(id) == null)));
            // a replica's bytes are given back as it leaves the map
            assertThat(c.dataServers().stream().mapToLong(d -> d.store().used()).sum()).isZero();
        }
    }
}
