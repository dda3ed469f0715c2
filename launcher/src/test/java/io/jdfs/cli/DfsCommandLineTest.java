package io.jdfs.cli;

import io.jdfs.data.DataServerConfig;
import io.jdfs.name.NameServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.jdfs.shell.client.ClientOptions;
import io.jdfs.shell.ops.RemotePaths;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Argument parsing, settings precedence and error reporting, in-process (no cluster). */
class DfsCommandLineTest {
    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Dfs.commandLine(new Dfs(env));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private <T> T parse(String... args) {
        return Parsing.command(env, args);
    }

    private Path config(String... lines) throws IOException {
        Path f = tmp.resolve("jdfs.properties");
        Files.write(f, List.of(lines));
        return f;
    }

    @Test
    void nameServerDefaults() {
        NameServerConfig c = this.<NameServerCommand>parse("nameserver").config();
        assertThat(c.bindHost()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.webPort()).isEqualTo(8080);
        assertThat(c.metaDir()).isEqualTo(Path.of("dfs-name"));
        assertThat(c.defaultReplication()).isEqualTo(2);
        assertThat(c.defaultBlockSize()).isEqualTo(4L << 20);
        assertThat(c.heartbeatIntervalMillis()).isEqualTo(3_000);
        assertThat(c.deadAfterMillis()).isEqualTo(30_000);
        assertThat(c.secret()).isNull();
    }

    @Test
    void nameServerPositionalWebPortAndFlags() {
        assertThat(this.<NameServerCommand>parse("nameserver", "8181").config().webPort()).isEqualTo(8181);
        NameServerConfig c = this.<NameServerCommand>parse("nameserver", "--port", "9100", "--web-port", "8282",
                "--bind", "127.0.0.1", "--meta-dir", "/tmp/m", "--secret", "s3", "--replication", "3",
                "--block-size", "8m", "--heartbeat-interval", "500ms", "--dead-after", "5s").config();
        assertThat(c.port()).isEqualTo(9100);
        assertThat(c.webPort()).isEqualTo(8282);
        assertThat(c.bindHost()).isEqualTo("127.0.0.1");
        assertThat(c.metaDir()).isEqualTo(Path.of("/tmp/m"));
        assertThat(c.secret()).isEqualTo("s3");
        assertThat(c.defaultReplication()).isEqualTo(3);
        assertThat(c.defaultBlockSize()).isEqualTo(8L << 20);
        assertThat(c.heartbeatIntervalMillis()).isEqualTo(500);
        assertThat(c.staleAfterMillis()).isEqualTo(1_500);
        assertThat(c.deadAfterMillis()).isEqualTo(5_000);
    }

    @Test
    void configFileFlagsAndEnvironmentCombine() throws IOException {
        Path f = config("nameserver.port=9100", "nameserver.web-port=8100", "nameserver.replication=3", "secret=fromfile");
        env.put("JDFS_NAMESERVER_WEB_PORT", "8300");
        env.put("JDFS_SECRET", "fromenv");
        NameServerConfig c = this.<NameServerCommand>parse("--config", f.toString(), "nameserver",
                "--port", "9200", "--web-port", "8200").config();
        assertThat(c.port()).as("flag beats file").isEqualTo(9200);
        assertThat(c.webPort()).as("env beats flag").isEqualTo(8300);
        assertThat(c.defaultReplication()).as("file beats default").isEqualTo(3);
        assertThat(c.secret()).isEqualTo("fromenv");

        // --config is accepted after the subcommand too, and JDFS_CONFIG names the file
        assertThat(this.<NameServerCommand>parse("nameserver", "--config", f.toString()).config().port()).isEqualTo(9100);
        env.put("JDFS_CONFIG", f.toString());
        assertThat(this.<NameServerCommand>parse("nameserver").config().port()).isEqualTo(9100);
    }

    @Test
    void dataServerPositionalsFlagsAndDefaults() {
        DataServerConfig d = this.<DataServerCommand>parse("dataserver").config();
        assertThat(d.host()).isEqualTo("localhost");
        assertThat(d.port()).isEqualTo(9001);
        assertThat(d.storageDir()).isEqualTo(Path.of("storage"));
        assertThat(d.nameServer().toString()).isEqualTo("localhost:9000");
        assertThat(d.capacity()).isZero();
        assertThat(d.webPort()).as("/metrics beside the data port").isEqualTo(9101);

        d = this.<DataServerCommand>parse("dataserver", "10.0.0.5", "9005", "/data/ds", "ns.example:9100").config();
        assertThat(d.host()).isEqualTo("10.0.0.5");
        assertThat(d.port()).isEqualTo(9005);
        assertThat(d.storageDir()).isEqualTo(Path.of("/data/ds"));
        assertThat(d.nameServer().toString()).isEqualTo("ns.example:9100");

        env.put("JDFS_NAMESERVER", "other:9000");
        d = this.<DataServerCommand>parse("dataserver", "--port", "9007", "--capacity", "10g", "--nameserver", "x:1").config();
        assertThat(d.port()).isEqualTo(9007);
        assertThat(d.capacity()).isEqualTo(10L << 30);
        assertThat(d.nameServer().toString()).isEqualTo("other:9000");
        assertThat(d.webPort()).isEqualTo(9107);
        assertThat(this.<DataServerCommand>parse("dataserver", "--web-port", "0").config().webPort()).isZero();
        assertThat(this.<DataServerCommand>parse("dataserver", "--no-web-port").config().webPort()).isNegative();
    }

    @Test
    void clientNameServerComesFromFlagOrEnvironment() {
        assertThat(clientOptions("client", "list").config().nameServer().toString()).isEqualTo("localhost:9000");
        assertThat(clientOptions("client", "list", "-n", "h:9100").config().nameServer().toString())
                .isEqualTo("h:9100");
        env.put("JDFS_NAMESERVER", "envhost:9200");
        env.put("JDFS_SECRET", "pw");
        ClientOptions up = clientOptions("client", "upload", "f", "--nameserver", "h:9100");
        assertThat(up.config().nameServer().toString()).isEqualTo("envhost:9200");
        assertThat(up.config().secret()).isEqualTo("pw");
    }

    /** The client options (the mixin named "client") of the command the arguments name. */
    private ClientOptions clientOptions(String... args) {
        return (ClientOptions) Parsing.spec(env, args).mixins().get("client").userObject();
    }

    @Test
    void everyCommandHasHelp() {
        List<List<String>> all = new java.util.ArrayList<>();
        collect(Dfs.commandLine(new Dfs(env)), new java.util.ArrayList<>(), all);
        assertThat(all).contains(List.of("client", "cat"), List.of("client", "checksum"), List.of("admin", "events"));
        for (List<String> cmd : all) {
            StringWriter o = new StringWriter();
            CommandLine cl = Dfs.commandLine(new Dfs(env));
            cl.setOut(new PrintWriter(o, true));
            String[] args = new java.util.ArrayList<String>(cmd) {{ add("--help"); }}.toArray(String[]::new);
            assertThat(cl.execute(args)).as("%s --help", cmd).isZero();
            assertThat(o.toString()).as("%s --help", cmd).startsWith("Usage: dfs");
        }
    }

    @Test
    void aPlainCommandLineHasTheWholeTreeAndArgumentsOnlyTheirBranch() {
        List<List<String>> plain = new java.util.ArrayList<>();
        collect(new CommandLine(new Dfs(env)), new java.util.ArrayList<>(), plain);
        List<List<String>> whole = new java.util.ArrayList<>();
        collect(Dfs.commandLine(new Dfs(env)), new java.util.ArrayList<>(), whole);
        assertThat(plain).contains(List.of("client", "list")).containsExactlyElementsOf(whole);
        List<List<String>> branch = new java.util.ArrayList<>();
        collect(Dfs.commandLine(new Dfs(env), new String[]{"client", "ls", "/"}), new java.util.ArrayList<>(), branch);
        assertThat(branch).containsExactly(List.of(), List.of("client"), List.of("client", "list"));
    }

    /** Every command of the tree by its words (aliases and help left out). */
    private static void collect(CommandLine cl, List<String> words, List<List<String>> all) {
        all.add(List.copyOf(words));
        cl.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName()) && !name.equals("help")) {
                List<String> w = new java.util.ArrayList<>(words);
                w.add(name);
                collect(sub, w, all);
            }
        });
    }

    @Test
    void badValuesFailWithOneLine() {
        assertThat(run("nameserver", "--port", "abc")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("dfs: Invalid value for option '--port': 'abc' is not a number from 0 to 65535"
                + " (see 'dfs nameserver --help')\n");
    }

    @Test
    void environmentValuesAreCheckedToo() {
        env.put("JDFS_NAMESERVER_BLOCK_SIZE", "huge");
        assertThatThrownBy(() -> this.<NameServerCommand>parse("nameserver").config())
                .isInstanceOf(CliException.class)
                .hasMessageContaining("environment variable JDFS_NAMESERVER_BLOCK_SIZE");
    }

    @Test
    void missingConfigFileIsAnError() {
        assertThat(run("--config", tmp.resolve("nope.properties").toString(), "nameserver")).isEqualTo(1);
        assertThat(err.toString()).startsWith("dfs: config file ").endsWith("not found\n");
    }

    @Test
    void usageErrorsAreOneLine() {
        assertThat(run("client", "upload")).isEqualTo(1);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("dfs: Missing required parameter: 'LOCAL'");
        assertThat(run("client", "frobnicate")).isEqualTo(1);
    }

    @Test
    void uploadOfAMissingLocalFileFailsBeforeConnecting() {
        assertThat(run("client", "upload", tmp.resolve("missing.bin").toString(), "--nameserver", "127.0.0.1:1"))
                .isEqualTo(1);
        assertThat(err.toString()).isEqualTo("dfs: " + tmp.resolve("missing.bin") + ": no such local file\n");
    }

    @Test
    void unreachableNameServerIsOneLine() {
        assertThat(run("client", "list", "--nameserver", "127.0.0.1:1")).isEqualTo(1);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("dfs: ").contains("127.0.0.1:1");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void remotePathsAreTakenFromTheRoot() {
        assertThat(RemotePaths.normalize(null)).isEqualTo("/");
        assertThat(RemotePaths.normalize("a/b/")).isEqualTo("/a/b");
        assertThat(RemotePaths.child("/", "f")).isEqualTo("/f");
        assertThatThrownBy(() -> RemotePaths.normalize("/a/../b")).isInstanceOf(IllegalArgumentException.class);
    }
}
