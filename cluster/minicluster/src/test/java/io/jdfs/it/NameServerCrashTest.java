package io.jdfs.it;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.common.HostPort;
import io.jdfs.data.DataServer;
import io.jdfs.data.DataServerConfig;
import io.jdfs.protocol.FileStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real name-server process killed with SIGKILL while clients create, rename and delete: after a
 * restart every acknowledged operation is there, and the one in flight is either whole or absent.
 */
class NameServerCrashTest {

    /** What one client thread knows: acknowledged files and contents, and the operation in flight. */
    static final class Model {
        final Map<String, byte[]> files = new HashMap<>();
        volatile int acknowledged;
        String pendingOp;
        String pendingFrom;
        String pendingTo;
        byte[] pendingData;
    }

    static Process startNameServer(Path meta, int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                NameServerMain.class.getName(), meta.toString(), String.valueOf(port))
                .redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while ((line = r.readLine()) != null) {
            if (line.startsWith("READY")) {
                Thread drain = new Thread(() -> {
                    try {
                        while (r.readLine() != null) {
                            // keep the pipe empty
                        }
                    } catch (IOException ignored) {
                        // process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return p;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        p.destroyForcibly();
        throw new IOException("name server process did not start");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void acknowledgedOperationsSurviveSigkill(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path meta = dir.resolve("name");
        Process ns = startNameServer(meta, port);
        List<DataServer> dataServers = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                dataServers.add(DataServer.start(new DataServerConfig("127.0.0.1", 0, dir.resolve("ds" + i),
                        new HostPort("127.0.0.1", port), 0, null)));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> dataServers.stream().allMatch(DataServer::registered));
            int threads = 4;
            List<Model> models = new ArrayList<>();
            List<Thread> workers = new ArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            ClientConfig cfg = ClientConfig.of("127.0.0.1:" + port);
            for (int t = 0; t < threads; t++) {
                Model m = new Model();
                models.add(m);
                int id = t;
                Thread w = new Thread(() -> work(cfg, id, m, stop));
                workers.add(w);
                w.start();
            }
            // kill once the clients are well under way (acknowledged operations on every thread)
            await().atMost(Duration.ofSeconds(60)).until(() -> models.stream().allMatch(m -> m.acknowledged >= 5));
            ns.destroyForcibly(); // SIGKILL: no shutdown hook, no checkpoint
            ns.waitFor();
            stop.set(true);
            for (Thread w : workers) {
                w.join(60_000);
            }
            int acknowledged = models.stream().mapToInt(m -> m.files.size()).sum();
            assertThat(acknowledged).as("operations acknowledged before the kill").isPositive();

            ns = startNameServer(meta, port);
            try (DfsClient client = DfsClient.connect(cfg)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> !client.admin().safeMode("get").on());
                for (Model m : models) {
                    check(client, m);
                }
            }
        } finally {
            for (DataServer d : dataServers) {
                d.close();
            }
            ns.destroyForcibly();
            ns.waitFor();
        }
    }

    private static void work(ClientConfig cfg, int id, Model m, AtomicBoolean stop) {
        try (DfsClient c = DfsClient.connect(cfg)) {
            for (int k = 0; !stop.get(); k++) {
                String f = "/t" + id + "/f" + k;
                byte[] data = new byte[100 + k % 3000];
                Arrays.fill(data, (byte) (k * 31 + id));
                m.pendingOp = "create";
                m.pendingTo = f;
                m.pendingData = data;
                try (DfsOutputStream out = c.create(f, CreateOptions.defaults())) {
                    out.write(data);
                }
                m.files.put(f, data);
                m.acknowledged++;
                if (k % 3 == 1) {
                    String g = "/t" + id + "/r" + k;
                    m.pendingOp = "rename";
                    m.pendingFrom = f;
                    m.pendingTo = g;
                    c.rename(f, g, false);
                    m.files.put(g, m.files.remove(f));
                } else if (k % 3 == 2) {
                    m.pendingOp = "delete";
                    m.pendingFrom = f;
                    c.delete(f, false);
                    m.files.remove(f);
                }
                m.pendingOp = null;
            }
        } catch (IOException | RuntimeException e) {
            // the name server died: whatever was in flight stays pending
        }
    }

    private static byte[] read(DfsClient client, String path) throws IOException {
        try (InputStream in = client.open(path)) {
            return in.readAllBytes();
        }
    }

    private static void check(DfsClient client, Model m) throws IOException {
        for (Map.Entry<String, byte[]> e : m.files.entrySet()) {
            String p = e.getKey();
            boolean inFlight = m.pendingOp != null && p.equals(m.pendingFrom);
            if (inFlight) {
                continue; // checked below
            }
            FileStatus s = client.stat(p);
            assertThat(s.complete()).as(p).isTrue();
            assertThat(read(client, p)).as(p).isEqualTo(e.getValue());
        }
        if (m.pendingOp == null) {
            return;
        }
        switch (m.pendingOp) {
            case "create" -> {
                FileStatus s = client.statOrNull(m.pendingTo);
                if (s != null && s.complete()) {
                    assertThat(read(client, m.pendingTo)).isEqualTo(m.pendingData);
                }
            }
            case "rename" -> {
                boolean from = client.exists(m.pendingFrom);
                boolean to = client.exists(m.pendingTo);
                assertThat(from ^ to).as("rename %s -> %s is atomic", m.pendingFrom, m.pendingTo).isTrue();
                assertThat(read(client, from ? m.pendingFrom : m.pendingTo)).isEqualTo(m.files.get(m.pendingFrom));
            }
            case "delete" -> {
                if (client.exists(m.pendingFrom)) {
                    assertThat(read(client, m.pendingFrom)).isEqualTo(m.files.get(m.pendingFrom));
                }
            }
            default -> throw new AssertionError(m.pendingOp);
        }
    }
}
