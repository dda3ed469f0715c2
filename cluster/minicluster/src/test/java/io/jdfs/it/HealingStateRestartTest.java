package io.jdfs.it;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import io.jdfs.protocol.DataServerInfo;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.DataServerState;
import io.jdfs.protocol.LocatedBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Decommissions and corrupt replicas are kept across name-server restarts (issue 14): a server
 * decommissioned, one still decommissioning and a replica reported corrupt are all so again after the
 * name server restarts from its metadata directory, and a recommission is kept too.
 */
class HealingStateRestartTest {
    @Test
    void decommissionAndCorruptReplicasSurviveARestart(@TempDir Path dir) throws Exception {
        try (LocalCluster c = LocalCluster.forTests(dir, 4); DfsClient client = c.newClient()) {
            try (DfsOutputStream out = client.create("/kept", CreateOptions.defaults().withReplication(3))) {
                out.write(new byte[100_000]);
            }
            LocatedBlock block = client.blockLocations("/kept", 0).blocks().get(0);
            List<String> holders = block.locations().stream().map(DataServerRef::id).toList();
            assertThat(holders).hasSize(3);
            String empty = client.clusterStatus().servers().stream().map(DataServerInfo::id)
                    .filter(id -> !holders.contains(id)).findFirst().orElseThrow();
            String leaving = holders.get(0);
            String corruptOn = holders.get(1);
            long blockId = block.block().id();

            // the empty server is done at once; the holder cannot finish (no fourth server takes its replica)
            client.admin().decommission(empty);
            await().atMost(Duration.ofSeconds(20)).until(() -> states(client).get(empty) == DataServerState.DECOMMISSIONED);
            client.admin().decommission(leaving);
            c.nameServer().healing().monitor().corruptReplica(blockId, corruptOn, "test");
            assertThat(c.nameServer().healing().monitor().corruptOn(blockId)).containsExactly(corruptOn);
            // (a state shown is STALE for a moment when a heartbeat is late on a loaded machine: wait, not assert)
            await().atMost(Duration.ofSeconds(20)).until(() -> states(client).get(leaving) == DataServerState.DECOMMISSIONING);

            c.restartNameServer();
            await().atMost(Duration.ofSeconds(30)).until(() -> states(client).size() == 4
                    && states(client).get(empty) == DataServerState.DECOMMISSIONED
                    && states(client).get(leaving) == DataServerState.DECOMMISSIONING);
            assertThat(c.nameServer().healing().monitor().corruptOn(blockId)).containsExactly(corruptOn);
            // the corrupt replica is never a location again, nor a copy target
            await().atMost(Duration.ofSeconds(20)).until(() -> !client.blockLocations("/kept", 0).blocks().get(0)
                    .locations().stream().map(DataServerRef::id).collect(Collectors.toSet()).contains(corruptOn));

            // a recommission is kept as well
            client.admin().recommission(leaving);
            client.admin().recommission(empty);
            c.restartNameServer();
            await().atMost(Duration.ofSeconds(30)).until(() -> states(client).size() == 4
                    && Set.copyOf(states(client).values()).equals(Set.of(DataServerState.LIVE)));
        }
    }

    private static Map<String, DataServerState> states(DfsClient client) throws Exception {
        return client.clusterStatus().servers().stream().collect(Collectors.toMap(DataServerInfo::id, DataServerInfo::state));
    }
}
