package io.jdfs.shell;

import io.jdfs.client.DfsClient;
import io.jdfs.local.LocalCluster;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The REPL end to end: a real cluster in this JVM, the shell on a JLine terminal over streams. */
class ShellTest {
    @TempDir
    static Path base;

    private static LocalCluster cluster;
    private static DfsClient client;

    @TempDir
    Path local;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalCluster.forTests(base.resolve("cluster"), 3);
        cluster.awaitRegistered(Duration.ofSeconds(30));
        client = cluster.newClient();
    }

    @AfterAll
    static void stopCluster() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private ShellOptions options() {
        return new ShellOptions(cluster.nameServerAddress(), null, local.resolve(".history"), local);
    }

    /** Types {@code input} into an interactive shell on a dumb terminal; returns everything on the screen. */
    private String interactive(String input) throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal t = new DumbTerminal("test", Terminal.TYPE_DUMB,
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8);
             Shell shell = Shell.onTerminal(options(), t)) {
            assertThat(shell.interactive()).isZero();
        }
        return screen.toString(StandardCharsets.UTF_8);
    }

    private record Batch(int status, String out, String err) {
    }

    private Batch batch(String script) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(); // text and bytes (cat) interleave as on stdout
        StringWriter err = new StringWriter();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true);
        try (Shell shell = Shell.batch(options(), out, new PrintWriter(err, true), bytes)) {
            shell.connect();
            int status = shell.runScript(script);
            out.flush();
            return new Batch(status, bytes.toString(StandardCharsets.UTF_8), err.toString());
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    @Test
    void putAndGetRoundTripWithTheSameBytes() throws Exception {
        Path data = local.resolve("data.bin");
        Files.write(data, random(9 * 1024 * 1024 + 123, 1));
        String screen = interactive("""
                mkdir -p /rt
                cd /rt
                put data.bin
                get data.bin back.bin
                ls -l -h
                stat data.bin
                pwd
                exit
                """);
        assertThat(screen).contains("dfs:/> ").contains("dfs:/rt> ");
        assertThat(screen).containsPattern("data\\.bin -> /rt/data\\.bin  9\\.0 MiB  [0-9.]+ s  [0-9.]+ \\S+/s");
        assertThat(screen).containsPattern("/rt/data\\.bin -> \\S+back\\.bin  9\\.0 MiB");
        assertThat(sha256(local.resolve("back.bin"))).isEqualTo(sha256(data));
        assertThat(screen).containsPattern("-rw-r--r--  1 +\\S+ +\\S+ +9\\.0M \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d data\\.bin");
        assertThat(screen).contains("blocks:      3").containsPattern("2/2 replicas: 127\\.0\\.0\\.1:\\d+");
        assertThat(screen).doesNotContain("\u001b["); // a dumb terminal gets no colours
        assertThat(Files.readAllLines(local.resolve(".history"))).anyMatch(l -> l.contains("put data.bin"));
    }

    @Test
    void globsPickFilesForMputAndMget() throws Exception {
        Files.writeString(local.resolve("a1.log"), "one\n");
        Files.writeString(local.resolve("a2.log"), "two\n");
        Files.writeString(local.resolve("b.txt"), "three\n");
        Files.createDirectories(local.resolve("down"));
        String screen = interactive("""
                mkdir -p /globs
                cd /globs
                mput *.log
                ls
                lcd down
                mget a?.l*
                lls
                exit
                """);
        assertThat(client.list("/globs")).extracting(s -> s.name()).containsExactly("a1.log", "a2.log");
        assertThat(screen).contains("2 files uploaded").contains("2 files downloaded");
        assertThat(Files.readString(local.resolve("down/a1.log"))).isEqualTo("one\n");
        assertThat(Files.readString(local.resolve("down/a2.log"))).isEqualTo("two\n");
        assertThat(local.resolve("down/b.txt")).doesNotExist();
    }

    @Test
    void recursiveCopiesOfADirectoryTree() throws Exception {
        Path tree = local.resolve("tree");
        Files.createDirectories(tree.resolve("sub/deeper"));
        Files.createDirectories(tree.resolve("empty"));
        Files.write(tree.resolve("top.bin"), random(5 * 1024 * 1024, 2));
        Files.write(tree.resolve("sub/mid.bin"), random(70_000, 3));
        Files.writeString(tree.resolve("sub/deeper/leaf.txt"), "leaf\n");
        Batch b = batch("mkdir -p /trees; put -r tree /trees/; cp -r /trees/tree /trees/copy; get -r /trees/copy back;"
                + " tree /trees");
        assertThat(b.status).as(b.err).isZero();
        assertThat(b.out).contains("tree -> /trees/tree: 3 files").contains("/trees/copy -> " + local.resolve("back") + ": 3 files");
        assertThat(b.out).contains("└── leaf.txt").contains("8 directories, 6 files");
        assertThat(hashes(local.resolve("back"))).isEqualTo(hashes(tree));
        assertThat(local.resolve("back/empty")).isDirectory();
    }

    private static Map<String, String> hashes(Path root) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(p).toString(), sha256(p));
            }
        }
        return m;
    }

    @Test
    void completionOffersRemoteAndLocalPathsAndCommands() throws Exception {
        client.mkdirs("/comp/alpine");
        client.create("/comp/alpha.txt").close();
        client.create("/comp/beta").close();
        Files.writeString(local.resolve("local-one.txt"), "x");
        Files.createDirectories(local.resolve("local-dir"));
        try (Shell shell = Shell.batch(options(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                new ByteArrayOutputStream())) {
            shell.connect();
            ShellCompleter completer = shell.completer();
            assertThat(complete(completer, "get /comp/al")).containsExactlyInAnyOrder("/comp/alpha.txt", "/comp/alpine/");
            assertThat(complete(completer, "ls -l /comp/")).containsExactlyInAnyOrder("/comp/alpha.txt", "/comp/alpine/",
                    "/comp/beta");
            assertThat(complete(completer, "cd /comp/")).containsExactly("/comp/alpine/"); // cd takes directories
            assertThat(shell.execute(List.of("cd", "/comp"))).isZero();
            assertThat(complete(completer, "cat b")).containsExactly("beta");
            assertThat(complete(completer, "put local-")).containsExactlyInAnyOrder("local-one.txt", "local-dir/");
            assertThat(complete(completer, "put local-one.txt al")).containsExactlyInAnyOrder("alpha.txt", "alpine/");
            assertThat(complete(completer, "get beta local-o")).containsExactly("local-one.txt");
            assertThat(complete(completer, "sta")).contains("stat", "status");
            assertThat(complete(completer, "ls -")).contains("-l", "-h", "-R");
            assertThat(complete(completer, "help mk")).containsExactly("mkdir");
        }
    }

    private static List<String> complete(ShellCompleter completer, String line) {
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, new DefaultParser().parse(line, line.length()), candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void errorsAreOneLineAndTheSessionGoesOn() throws Exception {
        String screen = interactive("""
                cat /no/such/file
                frobnicate
                mkdir
                put missing.bin
                rmdir /
                setrep 3 /x
                setrep 0 /after-errors-not-yet
                mkdir /after-errors
                exit
                """);
        assertThat(screen).contains("cat: /no/such/file: no such file or directory\n")
                .contains("frobnicate: unknown command (help lists them)\n")
                .contains("mkdir: Missing required parameter: 'DIR' (see: help mkdir)\n")
                .containsPattern("put: \\S+missing\\.bin: no such local file\n")
                .contains("setrep: /x: no such file or directory");
        assertThat(screen).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(client.stat("/after-errors").isDirectory()).isTrue();
    }

    @Test
    void batchModeStopsAtTheFirstFailureWithItsStatus() throws Exception {
        assertThat(batch("mkdir -p /batch; ls /batch").status).isZero();
        Batch failed = batch("ls /batch; cat /batch/missing; mkdir /batch/not-made");
        assertThat(failed.status).isEqualTo(1);
        assertThat(failed.err).isEqualTo("cat: /batch/missing: no such file or directory\n");
        assertThat(client.exists("/batch/not-made")).isFalse();
        assertThat(batch("-cat /batch/missing; mkdir /batch/made").status).isZero(); // '-': may fail
        assertThat(client.exists("/batch/made")).isTrue();
        assertThat(batch("nosuchcommand").status).isEqualTo(Shell.UNKNOWN);
        assertThat(batch("ls --bogus").status).isEqualTo(Shell.USAGE);
        assertThat(batch("setrep 1 /batch").status).isZero();
        assertThat(batch("setrep 2 /batch/none").status).isEqualTo(1);
        assertThat(batch("cd \"/unclosed").status).isEqualTo(Shell.USAGE);

        StringWriter out = new StringWriter();
        try (Shell shell = Shell.batch(options(), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                new ByteArrayOutputStream())) {
            shell.connect();
            int status = shell.runLines(new BufferedReader(new StringReader("cd /batch\npwd\nrmdir /batch\nmkdir x\n")));
            assertThat(status).isEqualTo(1); // rmdir of a non-empty directory
            assertThat(out.toString()).isEqualTo("/batch\n");
        }
        Batch unconnected = batchTo("127.0.0.1:1", "pwd; ls");
        assertThat(unconnected.status).isEqualTo(1);
        assertThat(unconnected.err.lines()).hasSize(2);
        assertThat(unconnected.err).startsWith("not connected: ").contains("ls: not connected (use: open HOST:PORT)");
    }

    private Batch batchTo(String nameServer, String script) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ShellOptions o = new ShellOptions(nameServer, null, null, local);
        try (Shell shell = Shell.batch(o, new PrintWriter(out, true), new PrintWriter(err, true), new ByteArrayOutputStream())) {
            shell.connect();
            return new Batch(shell.runScript(script), out.toString(), err.toString());
        }
    }

    @Test
    void catHeadTailDuDfStatusServersFsckFind() throws Exception {
        Files.writeString(local.resolve("lines.txt"), "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n");
        Batch b = batch("mkdir -p /misc/d; put lines.txt /misc/; head -n 2 /misc/lines.txt; tail -n 3 /misc/lines.txt;"
                + " cat /misc/lines.txt; du -s /misc; df -h; status; servers; fsck /misc; find /misc -name '*.txt'");
        assertThat(b.status).as(b.err).isZero();
        assertThat(b.out).contains("1\n2\n10\n11\n12\n1\n2\n3\n")
                .containsPattern("27 +54 +/misc\n")
                .contains("data servers: 3 live of 3")
                .contains("3 servers, 3 live")
                .contains("HEALTHY")
                .contains("/misc/lines.txt\n");
    }

    @Test
    void ctrlCCancelsTheRunningTransferAndTheShellGoesOn() throws Exception {
        Files.write(local.resolve("slow.bin"), random(8 * 1024 * 1024, 4));
        PipedOutputStream keys = new PipedOutputStream();
        InputStream in = new PipedInputStream(keys, 4096);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (Terminal t = new DumbTerminal("test", Terminal.TYPE_DUMB, in, screen, StandardCharsets.UTF_8);
             Shell shell = Shell.onTerminal(options(), t)) {
            Thread repl = new Thread(() -> {
                try {
                    shell.interactive();
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            repl.start();
            keys.write("put --limit 1m slow.bin /cancelled.bin\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            // the upload writes a hidden temporary, renamed to /cancelled.bin only when whole
            await().atMost(Duration.ofSeconds(20)).until(() -> client.list("/").stream()
                    .anyMatch(f -> io.jdfs.protocol.TemporaryNames.isTemporary(f.name())));
            Thread.sleep(300);
            t.raise(Terminal.Signal.INT);
            keys.write("mkdir /after-cancel\nexit\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            repl.join(20_000);
            assertThat(repl.isAlive()).isFalse();
        }
        assertThat(failure.get()).isNull();
        assertThat(screen.toString(StandardCharsets.UTF_8)).contains("put: cancelled");
        assertThat(client.exists("/cancelled.bin")).isFalse();
        assertThat(client.list("/")).noneMatch(f -> io.jdfs.protocol.TemporaryNames.isTemporary(f.name()));
        assertThat(client.exists("/after-cancel")).isTrue();
    }
}
