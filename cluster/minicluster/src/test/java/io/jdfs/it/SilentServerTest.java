package io.jdfs.it;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsInputStream;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data server that stops answering (its port frozen: connections accepted, nothing read or sent,
 * heartbeats going on so the name server still lists its replicas) while clients read: every read
 * finishes with the right bytes from the other replicas. The time it takes is printed, not asserted
 * (dfs bench read prints it beside a normal read).
 */
class SilentServerTest {
    static final int MIB = 1 << 20;
    static final int SIZE = 100 * MIB;

    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static DfsClient writer;
    static byte[] data;
    static byte[] sha;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.forTests(dir, 3);
        writer = cluster.newClient();
        data = new byte[SIZE];
        new Random(15).nextBytes(data);
        sha = MessageDigest.getInstance("SHA-256").digest(data);
        try (DfsOutputStream out = writer.create("/silent/f", CreateOptions.defaults().withBlockSize(4 * MIB)
                .withReplication(2))) {
            out.write(data);
        }
    }

    @AfterAll
    static void stop() {
        if (writer != null) {
            writer.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void sequentialAndPositionalReadsGoOnWithoutAFrozenServer() throws Exception {
        try (DfsClient reader = cluster.newClient()) {
            // warm: the reader's pool holds connections to every server, as a busy client's would
            assertThat(readAll(reader)).isEqualTo(sha);
            cluster.setDataServerFrozen(0, true);
            try {
                long t0 = System.nanoTime();
                assertThat(readAll(reader)).isEqualTo(sha);
                System.out.printf("100 MiB read with 1 of 3 data servers frozen: %.2f s%n", (System.nanoTime() - t0) / 1e9);

                // another stream of the same client: the silent server is tried last now
                t0 = System.nanoTime();
                assertThat(readAll(reader)).isEqualTo(sha);
                System.out.printf("the same again (server known silent): %.2f s%n", (System.nanoTime() - t0) / 1e9);

                try (DfsClient fresh = cluster.newClient(); DfsInputStream in = fresh.open("/silent/f")) {
                    // a new client connects to the frozen server too: its connect deadline, then another replica
                    Random r = new Random(3);
                    for (int i = 0; i < 20; i++) {
                        int pos = r.nextInt(SIZE - MIB);
                        byte[] buf = new byte[MIB];
                        in.readFully(pos, buf, 0, MIB);
                        for (int k = 0; k < MIB; k += 4099) {
                            assertThat(buf[k]).isEqualTo(data[pos + k]);
                        }
                    }
                }
            } finally {
                cluster.setDataServerFrozen(0, false);
            }
            assertThat(readAll(reader)).isEqualTo(sha);
        }
    }

    private static byte[] readAll(DfsClient c) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[MIB];
        long total = 0;
        try (InputStream in = c.open("/silent/f")) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
                total += n;
            }
        }
        assertThat(total).isEqualTo(SIZE);
        return md.digest();
    }
}
