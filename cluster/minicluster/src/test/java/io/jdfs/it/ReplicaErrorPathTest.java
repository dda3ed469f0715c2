package io.jdfs.it;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.data.store.BlockStore;
import io.jdfs.local.LocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replica whose finalize fails on a real data server leaves nothing behind: its tmp files are
 * removed and the bytes it reserved are given back; the writer goes on without that server.
 */
class ReplicaErrorPathTest {
    @Test
    void failedFinalizeRemovesTmpFilesAndGivesBackReservedBytes(@TempDir Path dir) throws Exception {
        try (LocalCluster c = LocalCluster.forTests(dir, 3)) {
            c.awaitRegistered(Duration.ofSeconds(30));
            try (DfsClient client = c.newClient()) {
                byte[] data = new byte[600 << 10]; // above the container limit: a file replica
                new Random(1).nextBytes(data);
                write(client, "/e/first", data);
                long firstId = client.blockLocations("/e/first", 0).blocks().get(0).block().id();
                BlockStore store = c.dataServer(0).store();
                long usedBefore = store.used();

                // the next block's final name on server 0 is taken by a directory: its finalize fails
                long nextId = firstId + 1;
                Path blocked = store.root().resolve("finalized")
                        .resolve(String.format("%02x", (nextId >> 16) & 0xff))
                        .resolve(String.format("%02x", (nextId >> 8) & 0xff))
                        .resolve("blk_" + nextId);
                Files.createDirectories(blocked.resolve("in-the-way"));

                write(client, "/e/second", data);
                assertThat(client.blockLocations("/e/second", 0).blocks().get(0).block().id()).isEqualTo(nextId);
                try (InputStream in = client.open("/e/second")) {
                    assertThat(in.readAllBytes()).isEqualTo(data);
                }
                assertThat(store.get(nextId)).as("server 0 kept no replica of the failed block").isNull();
                try (Stream<Path> tmp = Files.list(store.root().resolve("tmp"))) {
                    assertThat(tmp).as("tmp files of the failed replica").isEmpty();
                }
                assertThat(store.used()).as("reserved bytes given back").isEqualTo(usedBefore);
            }
        }
    }

    private static void write(DfsClient client, String path, byte[] data) throws Exception {
        try (DfsOutputStream out = client.create(path, CreateOptions.defaults().withReplication(3))) {
            out.write(data);
        }
    }
}
