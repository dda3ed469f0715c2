package io.jdfs.local.junit;

import io.jdfs.client.DfsClient;
import io.jdfs.local.LocalCluster;
import io.jdfs.name.NameServerConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fixture's name server keeps its metadata as a real one does: a journal in the fixture's temporary
 * directory, fsynced before answering, that a restarted name server reads back. Tests that measure the
 * journal (MetricsTest, DeleteBreakdownTest) need no cluster of their own for it.
 */
@WithLocalCluster(dataServers = 1)
class WithLocalClusterTest {
    static LocalCluster cluster;
    static DfsClient client;

    @Test
    void theJournalIsOnDiskInTheFixturesDirectoryAndFsynced() throws Exception {
        NameServerConfig config = cluster.nameServer().config();
        assertThat(config.durability().fsync()).isTrue();
        Path meta = config.metaDir();
        assertThat(meta).isDirectory();
        assertThat(meta.getParent().getFileName().toString()).startsWith("jdfs-WithLocalClusterTest");
        long syncs = cluster.nameServer().journalSyncs();
        client.mkdirs("/kept");
        assertThat(cluster.nameServer().journalSyncs()).isGreaterThan(syncs);
        try (var files = Files.list(meta)) {
            assertThat(files.mapToLong(p -> p.toFile().length()).sum()).isPositive();
        }
        cluster.restartNameServer();
        try (DfsClient again = cluster.newClient()) {
            assertThat(again.exists("/kept")).isTrue();
        }
    }
}
