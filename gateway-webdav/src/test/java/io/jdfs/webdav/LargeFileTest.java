package io.jdfs.webdav;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1 GiB PUT and GET through a gateway JVM limited to -Xmx128m: only a streaming gateway survives
 * it. Throughput is printed, not asserted.
 */
class LargeFileTest {
    static final long SIZE = 1L << 30;

    @TempDir
    static Path dir;
    static io.jdfs.local.LocalCluster cluster;
    static Process gateway;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        cluster = io.jdfs.local.LocalCluster.forTests(dir.resolve("cluster"), 1);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), WebDavMain.class.getName(), "0",
                cluster.nameServerAddress()));
        gateway = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("LISTENING ")) {
            System.out.println("gateway: " + line);
        }
        assertThat(line).as("gateway process ended before listening").isNotNull();
        port = Integer.parseInt(line.substring("LISTENING ".length()).trim());
        Thread drain = new Thread(() -> {
            try {
                gateway.getInputStream().transferTo(System.out);
            } catch (Exception ignored) {
                // the process is gone
            }
        }, "gateway-output");
        drain.setDaemon(true);
        drain.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.destroy();
            if (!gateway.waitFor(20, TimeUnit.SECONDS)) {
                gateway.destroyForcibly().waitFor();
            }
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Deterministic pseudo-random bytes, generated as they are read (nothing held in memory). */
    static InputStream generated(long size, MessageDigest digest) {
        return new InputStream() {
            final Random r = new Random(42);
            final byte[] block = new byte[64 * 1024];
            int pos = block.length;
            long left = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                if (pos == block.length) {
                    r.nextBytes(block);
                    pos = 0;
                }
                int n = (int) Math.min(Math.min(len, block.length - pos), left);
                System.arraycopy(block, pos, b, off, n);
                digest.update(block, pos, n);
                pos += n;
                left -= n;
                return n;
            }
        };
    }

    @Test
    void oneGibibyteUpAndDownThroughA128MegabyteHeap() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + port + "/big.bin");
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        long t0 = System.nanoTime();
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(uri)
                .PUT(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> generated(SIZE, sent)), SIZE)).build(),
                HttpResponse.BodyHandlers.ofString());
        double putSeconds = (System.nanoTime() - t0) / 1e9;
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);

        MessageDigest received = MessageDigest.getInstance("SHA-256");
        long t1 = System.nanoTime();
        HttpResponse<InputStream> get = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofInputStream());
        long n = 0;
        try (InputStream in = get.body()) {
            byte[] buf = new byte[256 * 1024];
            int r;
            while ((r = in.read(buf)) >= 0) {
                received.update(buf, 0, r);
                n += r;
            }
        }
        double getSeconds = (System.nanoTime() - t1) / 1e9;
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(n).isEqualTo(SIZE);
        assertThat(received.digest()).isEqualTo(sent.digest());
        assertThat(gateway.isAlive()).isTrue();
        System.out.printf("webdav 1 GiB through -Xmx128m gateway: PUT %.0f MiB/s, GET %.0f MiB/s%n",
                1024 / putSeconds, 1024 / getSeconds);
    }
}
