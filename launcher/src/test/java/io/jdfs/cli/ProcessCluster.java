package io.jdfs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The launcher as users run it, for process tests: {@code java -jar launcher/target/jdfs.jar}, a name
 * server and data servers as separate processes on free loopback ports, and every command its own
 * process. One per test class; {@link #close()} stops every process it started.
 */
final class ProcessCluster implements AutoCloseable {
    static final Path JAR = Path.of(System.getProperty("jdfs.jar", "target/jdfs.jar")).toAbsolutePath();
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final int nsPort;
    final int webPort;
    final int[] dataPorts;
    final Process nameServer;
    final List<Process> dataServers = new ArrayList<>();
    private final List<Process> others = new ArrayList<>();
    private final AtomicInteger runs = new AtomicInteger();

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    /** Starts a name server (with {@code nameServerArgs} added) and {@code dataServers} data servers. */
    ProcessCluster(String name, int dataServerCount, String... nameServerArgs) throws Exception {
        assertThat(JAR).as("the launcher jar (built by mvn package)").isRegularFile();
        Path base = Path.of(System.getProperty("jdfs.test.dir", "target/it"));
        Files.createDirectories(base);
        dir = Files.createTempDirectory(base.toAbsolutePath(), name + "-");
        int[] ports = freePorts(2 + dataServerCount);
        nsPort = ports[0];
        webPort = ports[1];
        dataPorts = new int[dataServerCount];
        List<String> ns = new ArrayList<>(List.of("nameserver", "--port", "" + nsPort, "--web-port", "" + webPort,
                "--bind", "127.0.0.1", "--meta-dir", dir.resolve("name").toString(),
                "--heartbeat-interval", "300ms", "--stale-after", "1s", "--dead-after", "3s"));
        ns.addAll(List.of(nameServerArgs));
        nameServer = start("nameserver", ns.toArray(String[]::new));
        for (int i = 0; i < dataServerCount; i++) {
            dataPorts[i] = ports[2 + i];
            dataServers.add(start("ds" + i, "dataserver", "127.0.0.1", "" + dataPorts[i], dir.resolve("ds" + i).toString(),
                    "127.0.0.1:" + nsPort, "--web-port", "0"));
        }
        awaitLiveServers(dataServerCount, Duration.ofSeconds(60));
    }

    String nameServerAddress() {
        return "127.0.0.1:" + nsPort;
    }

    /** {@code dfs client ARGS --nameserver ...}, waited for. */
    Result client(String... args) throws Exception {
        return run(clientArgs(args));
    }

    /** Starts {@code dfs client ARGS --nameserver ...} without waiting; the caller waits or kills it. */
    Process startClient(String name, String... args) throws IOException {
        Process p = start(name, clientArgs(args));
        synchronized (others) {
            others.add(p);
        }
        return p;
    }

    private String[] clientArgs(String... args) {
        List<String> all = new ArrayList<>(List.of("client"));
        all.addAll(List.of(args));
        all.add("--nameserver");
        all.add(nameServerAddress());
        return all.toArray(String[]::new);
    }

    Result run(String... args) throws Exception {
        int n = runs.incrementAndGet();
        Path out = dir.resolve("cmd-" + n + ".out");
        Path err = dir.resolve("cmd-" + n + ".err");
        Process p = builder(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail("dfs " + String.join(" ", args) + " did not finish within " + COMMAND_TIMEOUT);
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /**
     * Runs a bash script in the cluster's directory, with {@code $DFS} the launcher and JDFS_NAMESERVER set:
     * for pipes such as {@code tar c . | $DFS client upload - /t.tar}.
     */
    Result bash(String script) throws Exception {
        int n = runs.incrementAndGet();
        Path out = dir.resolve("sh-" + n + ".out");
        Path err = dir.resolve("sh-" + n + ".err");
        ProcessBuilder pb = new ProcessBuilder("bash", "-o", "pipefail", "-c", script).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("JDFS_"));
        pb.environment().put("DFS", Path.of(System.getProperty("java.home"), "bin", "java") + " -Xmx256m -jar " + JAR);
        pb.environment().put("JDFS_NAMESERVER", nameServerAddress());
        Process p = pb.start();
        if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail("bash -c " + script + " did not finish within " + COMMAND_TIMEOUT);
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The output of a process started with {@link #startClient}. */
    Result result(String name, Process p) throws Exception {
        if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail(name + " did not finish within " + COMMAND_TIMEOUT);
        }
        return new Result(p.exitValue(), Files.readString(dir.resolve(name + ".out")),
                Files.readString(dir.resolve(name + ".log")));
    }

    private Process start(String name, String... args) throws IOException {
        return builder(args).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".log").toFile()).start();
    }

    private ProcessBuilder builder(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("JDFS_"));
        return pb;
    }

    void awaitLiveServers(int expected, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/api/status"))
                .timeout(Duration.ofSeconds(5)).build();
        java.util.concurrent.atomic.AtomicReference<String> last = new java.util.concurrent.atomic.AtomicReference<>("");
        try {
            org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!nameServer.isAlive()) {
                    fail("the name server exited: " + Files.readString(dir.resolve("nameserver.log")));
                }
                try {
                    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                    last.set(r.body());
                    return r.statusCode() == 200 && liveServers(JSON.readTree(r.body())) == expected;
                } catch (IOException e) {
                    last.set(e.toString()); // not listening yet
                    return false;
                }
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            fail("expected " + expected + " live data servers within " + timeout + "; last /api/status: " + last.get()
                    + "\nlogs in " + dir);
        }
    }

    private static long liveServers(JsonNode status) {
        long n = 0;
        for (JsonNode s : status.path("servers")) {
            n += s.path("state").asText().equals("LIVE") ? 1 : 0;
        }
        return n;
    }

    static int[] freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public void close() throws InterruptedException {
        List<Process> all = new ArrayList<>(others);
        all.addAll(dataServers);
        all.add(nameServer);
        all.forEach(Process::destroy);
        for (Process p : all) {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
            }
        }
    }
}
