package io.jdfs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code dfs local} as a process: its space figures are the disk's (three data servers on one disk count it
 * once), and a second one on the same ports says which port is taken and by whom, and leaves nothing behind.
 */
class LocalProcessIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path dir;
    private static int[] ports;
    private static Process local;

    @BeforeAll
    static void start() throws Exception {
        Path base = Path.of(System.getProperty("jdfs.test.dir", "target/it")).toAbsolutePath();
        Files.createDirectories(base);
        dir = Files.createTempDirectory(base, "local-");
        int[] free = ProcessCluster.freePorts(3); // name server, web, WebDAV
        ports = new int[]{free[0], free[1], free[2], consecutiveFreePorts(3)};
        local = builder(localArgs("dfs-data")).redirectOutput(dir.resolve("local.out").toFile())
                .redirectError(dir.resolve("local.err").toFile()).start();
        awaitLive(3);
    }

    @AfterAll
    static void stop() throws Exception {
        if (local != null) {
            local.destroy();
            if (!local.waitFor(15, TimeUnit.SECONDS)) {
                local.destroyForcibly().waitFor();
            }
        }
    }

    private static String[] localArgs(String data) {
        return new String[]{"local", "--data", data, "--port", "" + ports[0], "--web-port", "" + ports[1],
                "--webdav-port", "" + ports[2], "--first-data-port", "" + ports[3], "--dataservers", "3"};
    }

    /** The first of {@code n} free ports in a row (data servers take consecutive ports). */
    private static int consecutiveFreePorts(int n) throws java.io.IOException {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = 20_000 + random.nextInt(30_000);
            List<java.net.ServerSocket> taken = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    taken.add(new java.net.ServerSocket(first + i, 50, java.net.InetAddress.getLoopbackAddress()));
                }
                return first;
            } catch (java.io.IOException e) {
                // one is in use: try elsewhere
            } finally {
                for (java.net.ServerSocket s : taken) {
                    s.close();
                }
            }
        }
        throw new java.io.IOException("no " + n + " consecutive free ports");
    }

    private static ProcessBuilder builder(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", ProcessCluster.JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("JDFS_"));
        return pb;
    }

    private static JsonNode status() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ports[1] + "/api/status")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static void awaitLive(int n) throws Exception {
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!local.isAlive()) {
                            fail("dfs local exited: " + Files.readString(dir.resolve("local.err")));
                        }
                        try {
                            int live = 0;
                            for (JsonNode s : status().path("servers")) {
                                live += s.path("state").asText().equals("LIVE") ? 1 : 0;
                            }
                            return live == n;
                        } catch (java.io.IOException e) {
                            return false; // not listening yet
                        }
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            fail("dfs local did not get " + n + " live data servers: " + Files.readString(dir.resolve("local.err")));
        }
    }

    private static long dfAvail(Path p) throws Exception {
        Process df = new ProcessBuilder("df", "-B1", "--output=avail", p.toString()).start();
        String out = new String(df.getInputStream().readAllBytes());
        assertThat(df.waitFor()).isZero();
        return Long.parseLong(out.lines().skip(1).findFirst().orElseThrow().trim());
    }

    @Test
    void spaceFiguresAreTheDisksCountedOnce() throws Exception {
        JsonNode st = status();
        long size = st.path("capacity").asLong();
        long used = st.path("used").asLong();
        long free = st.path("remaining").asLong();
        long avail = dfAvail(dir.resolve("dfs-data"));
        System.out.printf("dfs local: size %d used %d free %d; df avail %d%n", size, used, free, avail);
        assertThat(size).isEqualTo(used + free);
        // other processes write to this disk meanwhile: equal within a heartbeat's worth of their writes
        assertThat(free).isBetween(avail - (512L << 20), avail + (512L << 20));
        JsonNode servers = st.path("servers");
        assertThat(servers).hasSize(3);
        String fs = servers.get(0).path("fileSystem").asText();
        assertThat(fs).contains(":");
        for (JsonNode s : servers) {
            assertThat(s.path("fileSystem").asText()).isEqualTo(fs); // one disk
            assertThat(s.path("remaining").asLong()).isGreaterThan(free / 2); // each sees it all...
        }
        // ...and the cluster counts it once, not three times
    }

    @Test
    void aSecondOneOnTheSamePortsNamesThePortAndLeavesNothing() throws Exception {
        Path out = dir.resolve("second.out");
        Path err = dir.resolve("second.err");
        Process p = builder(localArgs("second-data")).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String message = Files.readString(err);
        assertThat(p.exitValue()).as(message).isEqualTo(1);
        assertThat(message).contains("port " + ports[0] + " (name server) on 127.0.0.1 is in use by process "
                + local.pid() + " (").contains("--port");
        assertThat(dir.resolve("second-data")).doesNotExist();
    }
}
