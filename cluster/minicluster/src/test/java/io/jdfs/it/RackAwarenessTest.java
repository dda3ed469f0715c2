package io.jdfs.it;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import io.jdfs.name.NameServerConfig;
import io.jdfs.protocol.DataServerInfo;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.FsckReport;
import io.jdfs.protocol.LocatedBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RackAwarenessTest {
    static final List<String> RACKS = List.of("/r1", "/r1", "/r1", "/r2");

    static Set<String> racksOf(LocatedBlock b, Map<String, String> rackById) {
        return b.locations().stream().map(DataServerRef::id).map(rackById::get).collect(Collectors.toSet());
    }

    @Test
    void replicasSpanTwoRacksAndSurviveTheLossOfOne(@TempDir Path dir) throws Exception {
        try (LocalCluster c = LocalCluster.withRacks(dir, NameServerConfig.forTests(), RACKS);
             DfsClient client = c.newClient()) {
            Map<String, String> rackById = client.clusterStatus().servers().stream()
                    .collect(Collectors.toMap(DataServerInfo::id, DataServerInfo::rack));
            assertThat(Set.copyOf(rackById.values())).containsExactlyInAnyOrder("/r1", "/r2");
            byte[] data = new byte[12 << 20];
            new Random(9).nextBytes(data);
            try (DfsOutputStream out = client.create("/racks/f", CreateOptions.defaults().withBlockSize(1 << 20))) {
                out.write(data);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> client.allBlocks("/racks/f").stream()
                    .allMatch(b -> b.locations().size() == 2));
            // the one server of rack /r2 holds a replica of every block: each block spans both racks
            for (LocatedBlock b : client.allBlocks("/racks/f")) {
                assertThat(racksOf(b, rackById)).as("racks of block %d", b.block().id()).hasSize(2);
            }
            FsckReport report = client.admin().fsck("/racks");
            assertThat(report.misReplicated()).isZero();
            // lose the whole rack /r2: every block still has a replica, then healing refills it in /r1
            String lost = c.dataServer(3).serverId();
            c.stopDataServer(3);
            try (InputStream in = client.open("/racks/f")) {
                assertThat(Arrays.equals(in.readAllBytes(), data)).isTrue();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> client.clusterStatus().servers().stream()
                    .anyMatch(s -> s.id().equals(lost) && s.state() == io.jdfs.protocol.DataServerState.DEAD));
            await().atMost(Duration.ofSeconds(60)).until(() -> client.admin().fsck("/racks").underReplicated() == 0
                    && client.allBlocks("/racks/f").stream().allMatch(b -> b.locations().size() == 2));
            // the rack comes back: blocks that now sit in one rack are spread again, and the excess trimmed
            assertThat(client.allBlocks("/racks/f")).allMatch(b -> racksOf(b, rackById).equals(Set.of("/r1")));
            c.startDataServer(3);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                FsckReport r = client.admin().fsck("/racks");
                return r.misReplicated() == 0 && r.overReplicated() == 0 && r.underReplicated() == 0
                        && client.allBlocks("/racks/f").stream().allMatch(b -> racksOf(b, rackById).size() == 2
                        && b.locations().size() == 2);
            });
        }
    }
}
