package io.jdfs.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The real launcher in a pseudo-terminal: {@code java -jar jdfs.jar local} under tmux starts a cluster and,
 * being on a terminal, opens the shell on it. Keys are sent with {@code tmux send-keys} and the screen is read
 * with {@code tmux capture-pane}: the prompt, a Tab completion, a progress bar, the summary line, stat, exit.
 */
class ShellTerminalIT {
    private static final Path JAR = Path.of(System.getProperty("jdfs.jar", "target/jdfs.jar")).toAbsolutePath();
    private static final String SESSION = "jdfs";

    private Path dir;
    private String socket;

    @BeforeEach
    void setUp() throws IOException {
        assertThat(JAR).as("the launcher jar (built by mvn package)").isRegularFile();
        Path base = Path.of(System.getProperty("jdfs.test.dir", "target/it")).toAbsolutePath();
        Files.createDirectories(base);
        dir = Files.createTempDirectory(base, "shell-");
        socket = "jdfs-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    @AfterEach
    void tearDown() throws Exception {
        tmux("kill-server"); // the shell and its cluster, if a failed test left them running
    }

    @Test
    void promptCompletionProgressBarAndStatInATerminal() throws Exception {
        Path big = dir.resolve("big.bin");
        byte[] data = new byte[48 * 1024 * 1024];
        new Random(7).nextBytes(data);
        Files.write(big, data);
        int[] ports = freePorts();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = String.join(" ", "env", "HOME=" + q(dir.toString()),
                "JDFS_SHELL_HISTORY=" + q(dir.resolve("history").toString()), q(java), "-Xmx512m", "-jar", q(JAR.toString()),
                "local", "--data", q(dir.resolve("data").toString()), "--port", "" + ports[0], "--web-port", "" + ports[1],
                "--first-data-port", "" + ports[2], "--webdav-port", "0", "--dataservers", "3", "--block-size", "4m",
                ";", "echo", "SHELL-EXITED-$?", ";", "sleep", "30");
        assertThat(tmux("new-session", "-d", "-x", "150", "-y", "45", "-s", SESSION, "-c", dir.toString(), command)
                .exitValue()).isZero();

        String screen = awaitScreen(s -> s.contains("dfs:/> "), Duration.ofSeconds(60));
        assertThat(screen).contains("Leaving the shell (exit or Ctrl-D) stops the cluster.");

        // a put slowed to ~16 MiB/s takes ~3 s: the bar shows, with a rate and an ETA
        keys("put --limit 16m big.bin /big.bin", "Enter");
        Pattern progress = Pattern.compile("big\\.bin +\\d+% .*\\d+/48MiB \\(\\d:\\d\\d:\\d\\d / \\d:\\d\\d:\\d\\d\\) [0-9.]+MiB/s");
        awaitScreen(s -> progress.matcher(s).find(), Duration.ofSeconds(20)); // the bar, with its rate and ETA
        String done = awaitScreen(s -> s.contains("big.bin -> /big.bin  48.0 MiB"), Duration.ofSeconds(30));
        assertThat(done).containsPattern("big\\.bin -> /big\\.bin  48\\.0 MiB  [0-9.]+ s  [0-9.]+ MiB/s");

        // Tab completes the remote path
        keys("stat /bi", "Tab");
        awaitScreen(s -> s.contains("dfs:/> stat /big.bin"), Duration.ofSeconds(10));
        keys("Enter");
        String stat = awaitScreen(s -> s.contains("#11 blk_"), Duration.ofSeconds(10));
        assertThat(stat).contains("blocks:      12").containsPattern("2/2 replicas: 127\\.0\\.0\\.1:\\d+");

        keys("exit", "Enter");
        String end = awaitScreen(s -> s.contains("SHELL-EXITED-"), Duration.ofSeconds(30));
        assertThat(end).contains("stopping the local cluster").contains("SHELL-EXITED-0");
        assertThat(Files.readString(dir.resolve("history"))).contains("put --limit 16m big.bin /big.bin");
    }

    private static String q(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private void keys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", SESSION));
        args.addAll(List.of(keys));
        assertThat(tmux(args.toArray(String[]::new)).exitValue()).isZero();
    }

    private String screen() throws Exception {
        Process p = tmux("capture-pane", "-p", "-J", "-t", SESSION);
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private String awaitScreen(Predicate<String> ready, Duration timeout) throws Exception {
        java.util.concurrent.atomic.AtomicReference<String> s = new java.util.concurrent.atomic.AtomicReference<>("");
        try {
            return org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        s.set(screen());
                        return s.get();
                    }, ready::test);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return fail("the screen did not show what was expected within " + timeout + ":\n" + s.get());
        }
    }

    private Process tmux(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("tmux " + String.join(" ", args) + " did not finish");
        }
        if (!args[0].equals("capture-pane")) {
            p.getInputStream().readAllBytes();
        }
        return p;
    }

    /** Name server, web, and three consecutive data server ports, all free now. */
    private static int[] freePorts() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int[] two = new int[2];
            for (int i = 0; i < 2; i++) {
                try (ServerSocket s = new ServerSocket(0)) {
                    two[i] = s.getLocalPort();
                }
            }
            int first = 20_000 + new Random().nextInt(20_000);
            if (free(first) && free(first + 1) && free(first + 2) && first != two[0] && first != two[1]) {
                return new int[]{two[0], two[1], first};
            }
        }
        throw new IOException("no free ports");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
