package io.jdfs.cli;

import io.jdfs.common.HostPort;
import io.jdfs.common.Sizes;
import io.jdfs.data.DataServer;
import io.jdfs.data.DataServerConfig;
import io.jdfs.data.HealingSettings;
import io.jdfs.data.store.CompactionSettings;
import io.jdfs.name.NameServerConfig;
import io.jdfs.rpc.ServerLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code dfs dataserver [host] [port] [storage_dir] [name_server]}: a data server in the foreground. */
@Command(name = "dataserver", mixinStandardHelpOptions = true,
        description = "Run a data server: stores block replicas and serves them to clients.")
final class DataServerCommand implements Callable<Integer>, SettingOptions.Configurable {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST", description = "Same as --host")
    String hostArg;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PORT", description = "Same as --port")
    String portArg;

    @Parameters(index = "2", arity = "0..1", paramLabel = "STORAGE_DIR", description = "Same as --storage-dir")
    String storageArg;

    @Parameters(index = "3", arity = "0..1", paramLabel = "NAME_SERVER", description = "Same as --nameserver")
    String nameServerArg;

    @picocli.CommandLine.Mixin
    io.jdfs.shell.client.TlsOptions tls = new io.jdfs.shell.client.TlsOptions();

    @Option(names = "--no-web-port", description = "Serve no web port (no /metrics)")
    boolean noWebPort;

    @Override
    public List<Setting<?>> settings() {
        return DataServerSettings.all();
    }

    DataServerConfig config() {
        Settings s = Dfs.settings(spec);
        String ns = s.get(CommonSettings.NAME_SERVER, spec, nameServerArg, "NAME_SERVER");
        HostPort nsAddress;
        try {
            nsAddress = HostPort.parse(ns, NameServerConfig.DEFAULT_PORT);
        } catch (IllegalArgumentException e) {
            throw new CliException("invalid name server address '" + ns + "': " + e.getMessage());
        }
        int dataPort = s.get(DataServerSettings.PORT, spec, portArg, "PORT");
        // beside the data port, so several data servers on one host (distinct data ports) need no more flags
        int defaultWeb = dataPort == 0 ? 0 : dataPort + 100 <= 65535 ? dataPort + 100 : 0;
        Integer web = s.get(DataServerSettings.WEB_PORT, spec);
        return new DataServerConfig(
                s.get(DataServerSettings.HOST, spec, hostArg, "HOST"),
                dataPort,
                s.get(DataServerSettings.STORAGE_DIR, spec, storageArg, "STORAGE_DIR"),
                nsAddress,
                s.get(DataServerSettings.CAPACITY, spec),
                s.get(CommonSettings.SECRET, spec))
                .withHealing(HealingSettings.defaults().withCompaction(CompactionSettings.defaults()
                        .withGarbageRatio(s.get(DataServerSettings.COMPACTION_GARBAGE, spec) / 100.0)
                        .withRate(s.get(DataServerSettings.COMPACTION_RATE, spec))
                        .withInterval(s.get(DataServerSettings.COMPACTION_INTERVAL, spec)))
                        .withParkedReplicaMillis(s.get(DataServerSettings.PARKED_REPLICA_TIMEOUT, spec)))
                .withRack(s.get(DataServerSettings.RACK, spec))
                .withWebPort(noWebPort ? DataServerConfig.NO_WEB_PORT : web != null ? web : defaultWeb)
                .withTls(CommonSettings.withClientAuth(tls.settings(s::get), s.get(CommonSettings.TLS_CLIENT_AUTH, spec)));
    }

    ServerLimits limits() {
        return DataServerSettings.LIMITS.read(Dfs.settings(spec), spec);
    }

    @Override
    public Integer call() {
        DataServerConfig cfg = config();
        DataServer ds;
        try {
            ds = DataServer.start(cfg, limits());
        } catch (Exception e) {
            throw Foreground.cannotStart("the data server on " + cfg.host() + ":" + cfg.port(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("JDFS data server %s%n", ds.serverId());
        out.printf("  address      %s:%d%n", cfg.host(), ds.port());
        out.printf("  storage      %s%s%n", cfg.storageDir().toAbsolutePath().normalize(),
                cfg.capacity() > 0 ? " (capacity " + Sizes.human(cfg.capacity()) + ")" : "");
        out.printf("  name server  %s%n", cfg.nameServer());
        if (ds.webPort() >= 0) {
            out.printf("  metrics      http://%s:%d/metrics%n", cfg.host(), ds.webPort());
        }
        return Foreground.runUntilStopped(out, ds);
    }
}
