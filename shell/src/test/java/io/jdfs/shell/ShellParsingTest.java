package io.jdfs.shell;

import io.jdfs.client.DfsClient;
import io.jdfs.local.LocalCluster;
import io.jdfs.shell.Batches.Batch;
import org.jline.reader.Candidate;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.Parser;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Tab inserts is what the commands read: each tricky name is completed by the shell's completer,
 * escaped by the shell's line parser as JLine does on Tab, and given to every command that takes a path.
 */
class ShellParsingTest {
    @TempDir
    static Path base;

    private static LocalCluster cluster;
    private static DfsClient client;

    /** Blanks, quotes, backslash, comment and separator characters, glob characters, non-ASCII. */
    private static final List<String> NAMES = List.of("my file.txt", "#hash", "a#b", "100%", "it's", "say \"hi\"",
            "back\\slash", "été ü 日本.txt", "semi;colon", "star*", "br[1]", "!bang", "  two blanks ");

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalCluster.forTests(base.resolve("cluster"), 2);
        cluster.awaitRegistered(Duration.ofSeconds(30));
        client = cluster.newClient();
        client.mkdirs("/p");
        for (String n : NAMES) {
            try (OutputStream out = client.create("/p/" + n)) {
                out.write(("content of " + n).getBytes(StandardCharsets.UTF_8));
            }
        }
        try (OutputStream out = client.create("/p/.hidden")) {
            out.write(1);
        }
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

    private static Batch batch(String script) {
        return Batches.run(new ShellOptions(cluster.nameServerAddress(), null, base.resolve(".history"), base), script);
    }

    /** The text Tab puts on the line for the only candidate of {@code typed} after {@code command }. */
    private static String tab(Shell shell, String command, String typed) {
        List<Candidate> candidates = new ArrayList<>();
        String line = command + " " + typed;
        ShellParser parser = new ShellParser();
        CompletingParsedLine parsed = (CompletingParsedLine) parser.parse(line, line.length(), Parser.ParseContext.COMPLETE);
        shell.completer().complete(null, parsed, candidates);
        assertThat(candidates).as("candidates for %s", typed).hasSize(1);
        return parsed.escape(candidates.get(0).value(), true).toString();
    }

    @Test
    void everyCompletedNameIsReadBackByEveryCommand() throws IOException {
        ShellOptions o = new ShellOptions(cluster.nameServerAddress(), null, base.resolve(".history"), base);
        try (Shell shell = Shell.batch(o, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                OutputStream.nullOutputStream())) {
            assertThat(shell.connect()).isTrue();
            for (String name : NAMES) {
                String typed = ShellParser.escape("/p/" + name.substring(0, 2));
                String inserted = tab(shell, "cat", typed);
                assertThat(Words.commands("cat " + inserted)).as(inserted).containsExactly(List.of("cat", "/p/" + name));
                Batch cat = batch("cat " + inserted);
                assertThat(cat.status()).as("cat %s: %s", inserted, cat.err()).isZero();
                assertThat(cat.out()).isEqualTo("content of " + name);
                for (String cmd : List.of("stat", "ls", "ls -la", "checksum", "count", "touch", "chmod 644", "test -f",
                        "head", "tail", "du", "setrep 2", "fsck")) {
                    Batch b = batch(cmd + " " + inserted);
                    assertThat(b.status()).as("%s %s: %s", cmd, inserted, b.err()).isZero();
                }
                Batch ls = batch("ls " + inserted);
                assertThat(ls.out()).isEqualTo("/p/" + name + "\n");
            }
        }
    }

    @Test
    void quotedNamesWorkToo() {
        assertThat(batch("cat '/p/my file.txt'").out()).isEqualTo("content of my file.txt");
        assertThat(batch("cat \"/p/say \\\"hi\\\"\"").out()).isEqualTo("content of say \"hi\"");
        assertThat(batch("cat /p/it\\'s # a comment").out()).isEqualTo("content of it's");
    }

    @Test
    void everyCommandAnswersHelpWithStatusZero() throws IOException {
        ShellOptions o = new ShellOptions(null, null, base.resolve(".history"), base);
        StringWriter text = new StringWriter();
        try (Shell shell = Shell.batch(o, new PrintWriter(text, true), new PrintWriter(text, true),
                OutputStream.nullOutputStream())) {
            for (String name : shell.commands().getSubcommands().keySet()) {
                text.getBuffer().setLength(0);
                assertThat(shell.execute(List.of(name, "--help"))).as("%s --help: %s", name, text).isZero();
                assertThat(text.toString()).as(name).startsWith("Usage: " + shell.commands().getSubcommands().get(name).getCommandName() + " ");
            }
        }
    }

    @Test
    void combinedShortOptionsAndHiddenEntries() {
        Batch la = batch("ls -la /p");
        assertThat(la.status()).as(la.err()).isZero();
        assertThat(la.out()).contains(".hidden").contains("my file.txt");
        assertThat(batch("ls /p").out()).doesNotContain(".hidden").contains("my file.txt");
        Batch lh = batch("ls -lh /p/#hash /p/a*");
        assertThat(lh.out()).contains("/p/a#b").contains(" /p/#hash");
        assertThat(batch("cd /p; ls ../p/a*").out().strip()).isEqualTo("../p/a#b");
    }

    @Test
    void catAsksBeforePrintingBinaryOnATerminal() throws IOException {
        try (OutputStream out = client.create("/bin.dat")) {
            out.write(new byte[]{0x7f, 'E', 'L', 'F', 0, 1, 2, 3, 27, '[', '2', 'J'});
        }
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        ShellOptions o = new ShellOptions(cluster.nameServerAddress(), null, base.resolve(".history"), base);
        String input = "cat /bin.dat\ncat /p/a#b\ncat --force /bin.dat\nexit\n";
        try (Terminal t = new DumbTerminal("test", Terminal.TYPE_DUMB,
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8);
             Shell shell = Shell.onTerminal(o, t)) {
            assertThat(shell.interactive()).isZero();
        }
        String text = screen.toString(StandardCharsets.ISO_8859_1);
        assertThat(text).contains("cat: /bin.dat looks binary: not printing it on the terminal (use --force");
        assertThat(text).contains("content of a#b");
        assertThat(text).contains("ELF\u0000\u0001"); // --force prints it
        assertThat(batch("cat /bin.dat").out()).hasSize(12); // not a terminal: the bytes
    }

    @Test
    void chownAndChgrpByNumberAndName() throws IOException {
        long gid = new com.sun.security.auth.module.UnixSystem().getGid();
        Batch own = batch("touch /owned; chgrp " + gid + " /owned; ls -l /owned");
        assertThat(own.status()).as(own.err()).isZero();
        org.junit.jupiter.api.Assumptions.assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0,
                "giving files away takes root");
        Batch away = batch("chown -R 1234:5678 /owned; ls -l /owned; chown root /owned; chgrp 0 /owned; ls -l /owned");
        assertThat(away.status()).as(away.err()).isZero();
        assertThat(away.out()).containsPattern("1234 +5678 .* /owned").containsPattern(" root +root .* /owned");
        assertThat(batch("chown nosuchuser-xyz /owned").err()).contains("no user 'nosuchuser-xyz' on this machine");
    }

    @Test
    void bangRunsALocalCommandAndPromptSaysWhenNotConnected() throws IOException {
        Batch b = batch("!echo local $((6*7))");
        assertThat(b.status()).isZero();
        assertThat(b.out()).isEqualTo("local 42\n");
        assertThat(batch("!exit 3").status()).isEqualTo(3);
        ShellOptions o = new ShellOptions(null, null, base.resolve(".history"), base);
        try (Shell shell = Shell.batch(o, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                OutputStream.nullOutputStream())) {
            assertThat(shell.prompt()).isEqualTo("dfs (not connected)> ");
        }
    }
}
