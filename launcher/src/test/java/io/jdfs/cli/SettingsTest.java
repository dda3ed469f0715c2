package io.jdfs.cli;

import io.jdfs.data.DataServerConfig;
import io.jdfs.rpc.ServerLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The typed setting definitions: each source of a value in its place, errors that say where, help from the definitions. */
class SettingsTest {
    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();

    private static Properties file(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        return p;
    }

    @Test
    void theDefaultWhenNothingElseIsGiven() {
        Settings s = new Settings(new Properties(), null, Map.of());
        assertThat(s.get(NameServerSettings.PORT, (Integer) null)).isEqualTo(9000);
        assertThat(s.get(NameServerSettings.BLOCK_SIZE, (Long) null)).isEqualTo(4L << 20);
        assertThat(s.get(NameServerSettings.HEARTBEAT, (Long) null)).isEqualTo(3_000L);
        assertThat(s.get(NameServerSettings.USERS, (Path) null)).as("no default").isNull();
    }

    @Test
    void theConfigFileBeatsTheDefault() {
        Settings s = new Settings(file("nameserver.block-size", "8m"), "f", Map.of());
        assertThat(s.get(NameServerSettings.BLOCK_SIZE, (Long) null)).isEqualTo(8L << 20);
    }

    @Test
    void aFlagBeatsTheConfigFile() {
        Settings s = new Settings(file("nameserver.port", "9100"), "f", Map.of());
        assertThat(s.get(NameServerSettings.PORT, 9200)).isEqualTo(9200);
    }

    @Test
    void theEnvironmentBeatsAFlag() {
        Settings s = new Settings(file("nameserver.port", "9100"), "f", Map.of("JDFS_NAMESERVER_PORT", "9300"));
        assertThat(s.get(NameServerSettings.PORT, 9200)).isEqualTo(9300);
        assertThat(NameServerSettings.PORT.envName()).isEqualTo("JDFS_NAMESERVER_PORT");
        assertThat(Settings.envName("nameserver.web-port")).isEqualTo("JDFS_NAMESERVER_WEB_PORT");
        assertThat(CommonSettings.SECRET.envName()).isEqualTo("JDFS_SECRET");
    }

    @Test
    void sizesAndDurationsAreConverted() {
        assertThat(SettingType.SIZE.convert("64k")).isEqualTo(64L << 10);
        assertThat(SettingType.SIZE.convert("10g")).isEqualTo(10L << 30);
        assertThat(SettingType.DURATION.convert("500ms")).isEqualTo(500L);
        assertThat(SettingType.DURATION.convert("30s")).isEqualTo(30_000L);
        assertThat(SettingType.DURATION.convert("2m")).isEqualTo(120_000L);
        assertThat(SettingType.DURATION_OR_OFF.convert("0")).isZero();
        assertThatThrownBy(() -> SettingType.DURATION.convert("0"))
                .isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void aBadValueNamesTheSettingWhereItCameFromAndWhatIsExpected() {
        Settings fromFile = new Settings(file("nameserver.block-size", "huge"), "/etc/jdfs.properties", Map.of());
        assertThatThrownBy(() -> fromFile.get(NameServerSettings.BLOCK_SIZE, (Long) null))
                .isInstanceOf(CliException.class)
                .hasMessage("invalid value 'huge' for nameserver.block-size from 'nameserver.block-size' in"
                        + " /etc/jdfs.properties: expected a size such as 4096, 64k, 4m or 10g");
        Settings fromEnv = new Settings(new Properties(), null, Map.of("JDFS_NAMESERVER_HEARTBEAT_INTERVAL", "soon"));
        assertThatThrownBy(() -> fromEnv.get(NameServerSettings.HEARTBEAT, (Long) null))
                .hasMessage("invalid value 'soon' for nameserver.heartbeat-interval from environment variable"
                        + " JDFS_NAMESERVER_HEARTBEAT_INTERVAL: expected a duration such as 500ms, 3s or 1m");
        Settings fromArgument = new Settings(new Properties(), null, Map.of());
        assertThatThrownBy(() -> this.<NameServerCommand>parse("nameserver", "eighty").config())
                .hasMessage("invalid value 'eighty' for nameserver.web-port from argument WEB_PORT:"
                        + " expected a number from 0 to 65535");
        assertThat(fromArgument).isNotNull();
    }

    @Test
    void aBadFlagIsAUsageErrorNamingTheFlag() {
        StringWriter err = new StringWriter();
        CommandLine cl = Dfs.commandLine(new Dfs(env));
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("dataserver", "--capacity", "lots")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("dfs: Invalid value for option '--capacity': 'lots' is not a size such as"
                + " 4096, 64k, 4m or 10g (see 'dfs dataserver --help')\n");
    }

    @Test
    void helpShowsEachDefaultFromItsDefinition() {
        for (String cmd : List.of("nameserver", "dataserver", "local", "webdav", "mount", "shell")) {
            String help = help(cmd);
            CommandLine.Model.CommandSpec spec = Dfs.commandLine(new Dfs(env)).getSubcommands().get(cmd).getCommandSpec();
            for (Setting<?> s : ((SettingOptions.Configurable) spec.userObject()).settings()) {
                assertThat(help.replaceAll("\\s+", " ")).as("%s %s", cmd, s.flag())
                        .contains(s.flag() + "=" + s.label())
                        .contains(s.description().replaceAll("\\s+", " "));
            }
        }
        assertThat(help("nameserver").replaceAll("\\s+", " "))
                .contains("--block-size=SIZE Default block size (default 4m; env JDFS_NAMESERVER_BLOCK_SIZE,"
                        + " 'nameserver.block-size' in --config)")
                .contains("--max-in-flight=N Requests of one connection served at once; more wait unread (default 1000;");
        assertThat(help("local")).contains("(default 9000;").contains("(default 127.0.0.1;");
    }

    @Test
    void serverLimitsAreSettingsWithTheSafeDefaults() throws IOException {
        assertThat(this.<NameServerCommand>parse("nameserver").limits()).isEqualTo(ServerLimits.defaults());
        assertThat(this.<DataServerCommand>parse("dataserver").limits()).isEqualTo(ServerLimits.forData());

        Path f = tmp.resolve("jdfs.properties");
        Files.write(f, List.of("dataserver.max-connections-per-address=64", "dataserver.idle-timeout=0"));
        env.put("JDFS_DATASERVER_MAX_FRAME", "2m");
        ServerLimits l = this.<DataServerCommand>parse("--config", f.toString(), "dataserver",
                "--unread-drop-after", "5s", "--max-in-flight", "10", "--max-queued-replies", "256k").limits();
        assertThat(l).isEqualTo(new ServerLimits(0, 5_000, 10, 64, 256 << 10, 2 << 20));
        assertThatThrownBy(() -> this.<NameServerCommand>parse("nameserver", "--max-frame", "64m").limits())
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("'64m' is not a size from 1048576 to 4194304 bytes");
    }

    @Test
    void compactionSettingsReachTheDataServer() {
        assertThat(this.<DataServerCommand>parse("dataserver").config().healing().compaction())
                .isEqualTo(io.jdfs.data.store.CompactionSettings.defaults());
        env.put("JDFS_DATASERVER_COMPACTION_RATE", "8m");
        io.jdfs.data.store.CompactionSettings c = this.<DataServerCommand>parse("dataserver",
                "--compaction-garbage", "70", "--compaction-interval", "5s").config().healing().compaction();
        assertThat(c.garbageRatio()).isEqualTo(0.7);
        assertThat(c.bytesPerSecond()).isEqualTo(8L << 20);
        assertThat(c.intervalMillis()).isEqualTo(5_000);
        assertThatThrownBy(() -> this.<DataServerCommand>parse("dataserver", "--compaction-garbage", "0").config())
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("a number from 1 to 101");
    }

    @Test
    void theParkedReplicaTimeoutReachesTheDataServer() {
        assertThat(this.<DataServerCommand>parse("dataserver").config().healing().parkedReplicaMillis())
                .isEqualTo(io.jdfs.data.store.ReplicasInProgress.DEFAULT_PARKED_TIMEOUT_MILLIS);
        assertThat(this.<DataServerCommand>parse("dataserver", "--parked-replica-timeout", "30s").config()
                .healing().parkedReplicaMillis()).isEqualTo(30_000);
        env.put("JDFS_DATASERVER_PARKED_REPLICA_TIMEOUT", "5m");
        assertThat(this.<DataServerCommand>parse("dataserver").config().healing().parkedReplicaMillis())
                .isEqualTo(300_000);
    }

    @Test
    void positionalArgumentsStandForTheirFlags() {
        DataServerConfig d = this.<DataServerCommand>parse("dataserver", "h", "9005", "/d", "ns:9100").config();
        assertThat(d.port()).isEqualTo(9005);
        assertThat(d.webPort()).as("worked out from the data port").isEqualTo(9105);
        assertThat(this.<DataServerCommand>parse("dataserver", "h", "9005", "--port", "9006").config().port())
                .as("the flag wins over the argument").isEqualTo(9006);
    }

    private String help(String cmd) {
        StringWriter out = new StringWriter();
        CommandLine cl = Dfs.commandLine(new Dfs(env));
        cl.setOut(new PrintWriter(out, true));
        cl.setUsageHelpWidth(400);
        cl.execute(cmd, "--help");
        return out.toString();
    }

    private <T> T parse(String... args) {
        return Parsing.command(env, args);
    }
}
