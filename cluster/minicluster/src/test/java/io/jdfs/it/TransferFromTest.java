package io.jdfs.it;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import io.jdfs.local.junit.WithLocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static io.jdfs.local.junit.TestData.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link DfsOutputStream#transferFrom}, how {@code dfs client upload} moves a local file: the bytes read
 * straight into the packets arrive whole, in blocks cut where {@code write} cuts them, a file ending on a
 * block boundary has no empty block after it, and it mixes with {@code write}.
 */
@WithLocalCluster(dataServers = 2)
class TransferFromTest {
    static final int BLOCK = 1 << 20;

    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static DfsClient client;

    private static DfsOutputStream create(String path) throws Exception {
        return client.create(path, CreateOptions.defaults().withBlockSize(BLOCK).withReplication(2));
    }

    private static byte[] read(String path) throws Exception {
        try (InputStream in = client.open(path)) {
            return in.readAllBytes();
        }
    }

    @Test
    void fileChannelInStepsOfAnySize() throws Exception {
        int[] sizes = {0, 1, 70_000, BLOCK, BLOCK + 1, 3 * BLOCK, 3 * BLOCK - 5};
        long[] steps = {1, 4096, 100_000, 3L << 20, Long.MAX_VALUE};
        int i = 0;
        for (int size : sizes) {
            for (long step : size > 100_000 ? new long[]{4096, 100_000, 3L << 20, Long.MAX_VALUE} : steps) {
                byte[] data = random(size, 100 + i);
                Path local = dir.resolve("local-" + i);
                Files.write(local, data);
                String path = "/tf/file-" + i++;
                long moved = 0;
                try (FileChannel in = FileChannel.open(local, StandardOpenOption.READ); DfsOutputStream out = create(path)) {
                    for (long n; (n = out.transferFrom(in, step)) >= 0; ) {
                        assertThat(n).isLessThanOrEqualTo(step);
                        moved += n;
                    }
                    assertThat(out.position()).isEqualTo(size);
                }
                assertThat(moved).as("size %d step %d", size, step).isEqualTo(size);
                assertThat(read(path)).as("size %d step %d", size, step).isEqualTo(data);
                assertThat(client.allBlocks(path)).as("blocks of size %d step %d", size, step)
                        .hasSize((size + BLOCK - 1) / BLOCK);
            }
        }
    }

    @Test
    void mixesWithWriteAndReadsAnyChannel() throws Exception {
        byte[] data = random(2 * BLOCK + 12345, 7);
        int a = 300_000;
        int b = BLOCK + 5;
        try (DfsOutputStream out = create("/tf/mixed")) {
            out.write(data, 0, a);
            ReadableByteChannel in = Channels.newChannel(new ByteArrayInputStream(data, a, b - a));
            assertThat(out.transferFrom(in, Long.MAX_VALUE)).isEqualTo(b - a);
            assertThat(out.transferFrom(in, Long.MAX_VALUE)).isEqualTo(-1);
            out.write(data, b, data.length - b);
        }
        assertThat(read("/tf/mixed")).isEqualTo(data);
        assertThat(client.allBlocks("/tf/mixed")).hasSize(3);
    }

    @Test
    void refusedOnceClosed() throws Exception {
        DfsOutputStream out = create("/tf/closed");
        out.close();
        assertThatThrownBy(() -> out.transferFrom(Channels.newChannel(new ByteArrayInputStream(new byte[1])), 1))
                .hasMessageContaining("closed");
    }
}
