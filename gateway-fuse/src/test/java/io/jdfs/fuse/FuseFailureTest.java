package io.jdfs.fuse;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Cluster failures under a mount: the application reading through it does not notice them. */
class FuseFailureTest {
    static final int MIB = 1 << 20;

    @TempDir
    static Path dir;
    static MountedCluster m;

    @BeforeAll
    static void mount() throws Exception {
        m = MountedCluster.start(dir);
    }

    /** Each test stops a data server; it comes back (with its replicas) for the next one. */
    @AfterEach
    void restartStopped() throws Exception {
        for (int i = 0; i < m.cluster.dataServers().size(); i++) {
            if (m.cluster.dataServers().get(i) == null) {
                m.cluster.startDataServer(i);
            }
        }
        m.cluster.awaitRegistered(Duration.ofSeconds(30));
    }

    @AfterAll
    static void unmount() throws Exception {
        if (m != null) {
            m.close();
        }
    }

    /** A python reader: opens the file, reads {@code firstBytes}, says "ready", waits for a go, reads the rest. */
    private static String readerScript(String name, int firstBytes) {
        return "import hashlib, sys\n"
                + "h = hashlib.sha256()\n"
                + "with open('" + name + "', 'rb') as f:\n"
                + "    h.update(f.read(" + firstBytes + "))\n"
                + "    print('ready', flush=True)\n"
                + "    sys.stdin.readline()\n"
                + "    while True:\n"
                + "        b = f.read(1 << 20)\n"
                + "        if not b: break\n"
                + "        h.update(b)\n"
                + "print(h.hexdigest(), flush=True)\n";
    }

    private static String writeLargeFile(String path, long seed) throws Exception {
        byte[] data = new byte[32 * MIB];
        new Random(seed).nextBytes(data);
        try (DfsOutputStream out = m.client.create(path, CreateOptions.defaults().withBlockSize(MIB))) {
            out.write(data);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** Runs the reader, stops data server {@code victim} once it is ready, and returns what it printed. */
    private static String readWhileStopping(String name, int firstBytes, int victim) throws Exception {
        Process p = new ProcessBuilder(List.of("python3", "-c", readerScript(name, firstBytes)))
                .directory(m.mnt.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("ready");
            m.cluster.stopDataServer(victim);
            OutputStream in = p.getOutputStream();
            in.write('\n');
            in.flush();
            // bounded, so a read that never returns fails the test instead of hanging the build
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(2, TimeUnit.MINUTES);
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void aDataServerDyingWhileAFileIsOpenIsInvisible() throws Exception {
        String want = writeLargeFile("/opened.bin", 5);
        assertThat(readWhileStopping("opened.bin", 0, 0)).as("sha256 read through the mount").isEqualTo(want);
    }

    @Test
    void aDataServerDyingInTheMiddleOfAReadIsInvisible() throws Exception {
        String want = writeLargeFile("/midway.bin", 6);
        assertThat(readWhileStopping("midway.bin", MIB, 0)).as("sha256 read through the mount").isEqualTo(want);
    }

    @Test
    void theMountOutlivesANameServerRestart() throws Exception {
        m.sh("mkdir -p before && printf kept > before/f").ok();
        m.cluster.restartNameServer();
        assertThat(m.sh("cat before/f").ok().out()).isEqualTo("kept");
        m.sh("printf new > before/g && mkdir after").ok();
        assertThat(m.sh("ls before").ok().out()).isEqualTo("f\ng\n");
        assertThat(m.client.exists("/after")).isTrue();
    }
}
