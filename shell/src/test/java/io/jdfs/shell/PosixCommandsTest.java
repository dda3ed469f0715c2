package io.jdfs.shell;

import io.jdfs.client.DfsClient;
import io.jdfs.local.LocalCluster;
import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.Batches.Batch;
import io.jdfs.shell.OneShot.Result;
import io.jdfs.shell.ops.OwnerNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ln, readlink, truncate, append, xattr, ls -l and stat against a real cluster, through both front ends:
 * the shell in batch mode and {@code dfs client} with dfs' own error handling (one line, exit status 1).
 */
class PosixCommandsTest {
    @TempDir
    static Path base;

    private static LocalCluster cluster;
    private static DfsClient client;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalCluster.forTests(base.resolve("cluster"), 2);
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

    /** A shell script in batch mode, as {@code dfs shell -c} runs it. */
    private static Batch shell(String script) {
        return Batches.run(new ShellOptions(cluster.nameServerAddress(), null, base.resolve(".history"), base), script);
    }

    /** {@code dfs client ARGS...} against the test's cluster. */
    private static Result dfsClient(String... args) {
        return OneShot.dfsClient(cluster.nameServerAddress(), args);
    }

    private static Result dfsClientWithInput(byte[] stdin, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin));
        try {
            return dfsClient(args);
        } finally {
            System.setIn(saved);
        }
    }

    private static void write(String path, String text) throws IOException {
        try (OutputStream out = client.create(path)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String read(String path) throws IOException {
        try (InputStream in = client.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String me() {
        return OwnerNames.system().user(client.caller().uid());
    }

    @Test
    void hardLinksShareTheFileAndCountInLsAndStat() throws IOException {
        client.mkdirs("/hard");
        write("/hard/a.txt", "shared bytes");
        Batch ln = shell("cd /hard; ln a.txt b.txt; ls -l; stat b.txt");
        assertThat(ln.status()).as(ln.err()).isZero();
        assertThat(client.stat("/hard/a.txt").linkCount()).isEqualTo(2);
        assertThat(client.stat("/hard/b.txt").inodeId()).isEqualTo(client.stat("/hard/a.txt").inodeId());
        String owner = me();
        assertThat(ln.out()).containsPattern("-rw-r--r--  2 " + owner + " +\\S+ +12 \\S+ \\S+ a\\.txt\n")
                .contains("inode:       " + client.stat("/hard/a.txt").inodeId() + ", 2 links")
                .containsPattern("owner:       " + owner + " \\(uid \\d+\\), group \\S+ \\(gid \\d+\\)");

        // the one-shot client: a link into a directory takes the target's name
        client.mkdirs("/hard/into");
        Result into = dfsClient("ln", "/hard/a.txt", "/hard/into");
        assertThat(into.status()).as(into.err()).isZero();
        assertThat(read("/hard/into/a.txt")).isEqualTo("shared bytes");
        assertThat(client.stat("/hard/a.txt").linkCount()).isEqualTo(3);

        // removing one name keeps the others
        assertThat(shell("rm /hard/a.txt").status()).isZero();
        assertThat(read("/hard/b.txt")).isEqualTo("shared bytes");
        assertThat(client.stat("/hard/b.txt").linkCount()).isEqualTo(2);
        Result list = dfsClient("list", "-l", "/hard");
        assertThat(list.out()).containsPattern("-rw-r--r--  2 " + owner + " .* b\\.txt\n");
    }

    @Test
    void linkErrorsAreOneLineWithAFailingStatus() throws IOException {
        client.mkdirs("/lnerr/dir");
        write("/lnerr/f", "f");
        write("/lnerr/g", "g");
        Batch exists = shell("ln /lnerr/f /lnerr/g");
        assertThat(exists.status()).isEqualTo(1);
        assertThat(exists.err()).isEqualTo("ln: /lnerr/g: already exists (-f replaces it)\n");
        Result forced = dfsClient("ln", "-f", "/lnerr/f", "/lnerr/g");
        assertThat(forced.status()).as(forced.err()).isZero();
        assertThat(read("/lnerr/g")).isEqualTo("f");
        Result dir = dfsClient("ln", "/lnerr/dir", "/lnerr/dirlink");
        assertThat(dir.status()).isEqualTo(1);
        assertThat(dir.err()).startsWith("dfs: ").contains("/lnerr/dir").hasLineCount(1);
        assertThat(client.exists("/lnerr/dirlink")).isFalse();
        Result missing = dfsClient("ln", "/lnerr/none", "/lnerr/x");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).startsWith("dfs: ").contains("/lnerr/none").hasLineCount(1);
        Result notLink = dfsClient("readlink", "/lnerr/f");
        assertThat(notLink.status()).isEqualTo(1);
        assertThat(notLink.err()).isEqualTo("dfs: /lnerr/f is not a symbolic link\n");
    }

    @Test
    void symbolicLinksShowTheirTargets() throws IOException {
        client.mkdirs("/sym/sub");
        write("/sym/sub/real.txt", "through the link");
        Batch made = shell("cd /sym; ln -s sub/real.txt rel; ln -s /sym/sub abs; readlink rel abs;"
                + " cat rel; ls -l; stat rel; ls abs");
        assertThat(made.status()).as(made.err()).isZero();
        assertThat(made.out()).contains("sub/real.txt\n/sym/sub\nthrough the link")
                .containsPattern("lrwxrwxrwx  1 \\S+ +\\S+ +\\d+ \\S+ \\S+ rel -> sub/real\\.txt\n")
                .containsPattern("lrwxrwxrwx  1 .* abs -> /sym/sub\n")
                .contains("type:        symbolic link\ntarget:      sub/real.txt\n")
                .contains("real.txt\n"); // ls of a link to a directory lists the directory
        assertThat(client.linkStatus("/sym/rel").symlinkTarget()).isEqualTo("sub/real.txt");

        Result viaClient = dfsClient("ln", "-s", "sub", "/sym/dirlink");
        assertThat(viaClient.status()).as(viaClient.err()).isZero();
        assertThat(dfsClient("readlink", "/sym/dirlink").out()).isEqualTo("sub\n");
        assertThat(dfsClient("list", "/sym").out()).containsPattern("link +\\d+ .* dirlink -> sub\n");
        assertThat(dfsClient("stat", "-L", "/sym/rel").out()).contains("type:        regular file")
                .contains("size:        16 B");
        assertThat(dfsClient("cat", "/sym/dirlink/real.txt").status()).isZero();
    }

    @Test
    void truncateShrinksGrowsAndCreatesAsCoreutils() throws IOException {
        client.mkdirs("/trunc");
        write("/trunc/text", "0123456789");
        Batch sh = shell("truncate -s 4 /trunc/text; truncate -s 8k /trunc/new; truncate -c -s 1k /trunc/absent");
        assertThat(sh.status()).as(sh.err()).isZero();
        assertThat(read("/trunc/text")).isEqualTo("0123");
        assertThat(client.stat("/trunc/new").length()).isEqualTo(8192);
        try (InputStream in = client.open("/trunc/new")) {
            assertThat(in.readAllBytes()).hasSize(8192).containsOnly(0);
        }
        assertThat(client.exists("/trunc/absent")).isFalse();

        assertThat(dfsClient("truncate", "-s", "+2", "/trunc/text").status()).isZero();
        assertThat(read("/trunc/text")).isEqualTo("0123\0\0");
        assertThat(dfsClient("truncate", "-s", "-1K", "/trunc/new").status()).isZero();
        assertThat(client.stat("/trunc/new").length()).isEqualTo(7168);
        assertThat(dfsClient("truncate", "-s", "%3000", "/trunc/new").status()).isZero();
        assertThat(client.stat("/trunc/new").length()).isEqualTo(9000);

        Result bad = dfsClient("truncate", "-s", "ten", "/trunc/text");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).startsWith("dfs: invalid size 'ten'").hasLineCount(1);
        Batch dir = shell("truncate -s 0 /trunc");
        assertThat(dir.status()).isEqualTo(1);
        assertThat(dir.err()).isEqualTo("truncate: /trunc: not a regular file, cannot truncate it\n");
        assertThat(read("/trunc/text")).isEqualTo("0123\0\0");
    }

    @Test
    void appendContinuesAFileFromLocalFilesAndStandardInput() throws IOException {
        Path part1 = Files.writeString(base.resolve("part1.txt"), "first line\n");
        Path part2 = Files.writeString(base.resolve("part2.txt"), "second line\n");
        Batch sh = shell("append part1.txt /log.txt; append part2.txt /log.txt");
        assertThat(sh.status()).as(sh.err()).isZero();
        assertThat(sh.out()).isEqualTo("appended 11 bytes to /log.txt\nappended 12 bytes to /log.txt\n");
        assertThat(read("/log.txt")).isEqualTo("first line\nsecond line\n");
        long inode = client.stat("/log.txt").inodeId();

        Result stdin = dfsClientWithInput("third line\n".getBytes(StandardCharsets.UTF_8), "append", "-", "/log.txt");
        assertThat(stdin.status()).as(stdin.err()).isZero();
        Result file = dfsClient("appendToFile", part1.toString(), "/log.txt");
        assertThat(file.status()).as(file.err()).isZero();
        assertThat(read("/log.txt")).isEqualTo("first line\nsecond line\nthird line\nfirst line\n");
        assertThat(client.stat("/log.txt").inodeId()).as("continued, not replaced").isEqualTo(inode);

        Result missing = dfsClient("append", base.resolve("nope").toString(), "/log.txt");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("dfs: " + base.resolve("nope") + ": no such local file\n");
        Batch fromShellStdin = shell("append - /log.txt");
        assertThat(fromShellStdin.status()).isEqualTo(1);
        assertThat(fromShellStdin.err()).contains("use dfs client append - REMOTE");
        assertThat(client.stat("/log.txt").length()).isEqualTo(45);
    }

    @Test
    void extendedAttributesInTextHexAndBase64() throws IOException {
        write("/xa", "x");
        Batch sh = shell("xattr set /xa user.comment 'hello world'; xattr set /xa user.raw 0x00ff10;"
                + " xattr set /xa user.b64 0saGk=; xattr get /xa user.comment; xattr list /xa;"
                + " xattr get -e hex /xa user.b64; stat /xa");
        assertThat(sh.status()).as(sh.err()).isZero();
        assertThat(client.xattr("/xa", "user.raw")).containsExactly(0, 0xff, 0x10);
        assertThat(client.xattr("/xa", "user.b64")).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
        assertThat(sh.out()).startsWith("hello world\n"
                + "user.b64=\"hi\"\nuser.comment=\"hello world\"\nuser.raw=0sAP8Q\n"
                + "0x6869\n").contains("xattrs:      3\n");

        assertThat(dfsClient("xattr", "rm", "/xa", "user.raw").status()).isZero();
        assertThat(client.xattrs("/xa")).containsOnlyKeys("user.b64", "user.comment");
        assertThat(dfsClient("xattr", "get", "/xa", "user.comment").out()).isEqualTo("hello world\n");
        Result create = dfsClient("xattr", "set", "--create", "/xa", "user.comment", "again");
        assertThat(create.status()).isEqualTo(1);
        assertThat(create.err()).startsWith("dfs: ").hasLineCount(1);
        assertThat(read("/xa")).isEqualTo("x");
        assertThat(new String(client.xattr("/xa", "user.comment"), StandardCharsets.UTF_8)).isEqualTo("hello world");
        Result absent = dfsClient("xattr", "get", "/xa", "user.none");
        assertThat(absent.status()).isEqualTo(1);
        assertThat(absent.err()).isEqualTo("dfs: /xa: no extended attribute user.none\n");
        Batch words = shell("xattr set /xa user.only-a-name");
        assertThat(words.status()).isEqualTo(1);
        assertThat(words.err()).isEqualTo("xattr: xattr set takes PATH NAME VALUE\n");
    }

    @Test
    void ownersWithoutANameOnThisMachineShowAsNumbers() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(client.caller().uid() == 0, "giving files away takes root");
        write("/owned-by-nobody-known", "o");
        client.setOwner("/owned-by-nobody-known", 987654, 876543);
        Batch ls = shell("ls -l /owned-by-nobody-known");
        assertThat(ls.out()).containsPattern("-rw-r--r--  1 987654 +876543 +1 ");
        FileStatus st = client.stat("/owned-by-nobody-known");
        assertThat(st.uid()).isEqualTo(987654);
        Result list = dfsClient("list", "-l", "/");
        assertThat(list.out()).containsPattern("  1 987654 +876543 +1 .* owned-by-nobody-known\n");
    }

    @Test
    void theInteractiveShellCompletesAndRunsTheNewCommands() throws IOException {
        client.mkdirs("/repl");
        write("/repl/data.csv", "a,b\n");
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        String input = "cd /repl\nln -s data.csv latest\nreadlink latest\nxattr set latest user.k v\nxattr list data.csv\n"
                + "truncate -s 2 latest\ncat data.csv\nln data.csv data.csv\nexit\n";
        ShellOptions o = new ShellOptions(cluster.nameServerAddress(), null, base.resolve(".history"), base);
        try (Terminal t = new DumbTerminal("test", Terminal.TYPE_DUMB,
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8);
             Shell shell = Shell.onTerminal(o, t)) {
            assertThat(shell.interactive()).isZero();
            List<Candidate> candidates = new ArrayList<>();
            String line = "ln -s /repl/da";
            shell.completer().complete(null, new DefaultParser().parse(line, line.length()), candidates);
            assertThat(candidates).extracting(Candidate::value).containsExactly("/repl/data.csv");
        }
        String text = screen.toString(StandardCharsets.UTF_8);
        // truncate and xattr go through the link to the file; the session goes on after an error
        assertThat(text).contains("data.csv\n").contains("user.k=\"v\"\n").contains("a,")
                .contains("ln: /repl/data.csv: already exists (-f replaces it)\n");
        assertThat(read("/repl/data.csv")).isEqualTo("a,");
        assertThat(client.linkStatus("/repl/latest").isSymlink()).isTrue();
    }
}
