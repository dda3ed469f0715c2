package io.jdfs.cli;

import io.jdfs.common.HostPort;
import io.jdfs.common.Sizes;
import io.jdfs.data.DataServer;
import io.jdfs.data.DataServerConfig;
import io.jdfs.name.NameServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code dfs dataserver [host] [port] [storage_dir] [name_server]}: a data server in the foreground. */
@Command(name = "dataserver", mixinStandardHelpOptions = true,
        description = "Run a data server: stores block replicas and serves them to clients.")
final class DataServerCommand implements Callable<Integer> {
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

    @Option(names = "--host", paramLabel = "HOST",
            description = "Address to listen on and to advertise to the name server and clients (default localhost)")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Data transfer port (default 9001)")
    String port;

    @Option(names = "--storage-dir", paramLabel = "DIR", description = "Where replicas live (default ./storage)")
    String storageDir;

    @Option(names = {"-n", "--nameserver"}, paramLabel = "HOST:PORT", description = "Name server (default localhost:9000)")
    String nameServer;

    @Option(names = "--capacity", paramLabel = "SIZE",
            description = "Space offered for blocks, e.g. 50g (default: what the disk has)")
    String capacity;

    @Option(names = "--secret", paramLabel = "SECRET", description = "Cluster secret (default none; prefer JDFS_SECRET)")
    String secret;

    @picocli.CommandLine.Mixin
    io.jdfs.shell.client.TlsOptions tls = new io.jdfs.shell.client.TlsOptions();

    @Option(names = "--tls-client-auth",
            description = "Mutual TLS: require from every peer a certificate signed by the cluster CA (clients then use"
                    + " a key store of their own from `dfs admin certs`, not trust.p12); setting tls.client-auth")
    boolean tlsClientAuth;

    @Option(names = "--rack", paramLabel = "RACK",
            description = "Rack of this server, e.g. /dc1/rack7 (default /default-rack); with two racks or more, "
                    + "every block's replicas span two")
    String rack;

    @Option(names = "--web-port", paramLabel = "PORT",
            description = "Web port serving Prometheus /metrics (default: the data port + 100, so 9101; "
                    + "0 picks a free port)")
    String webPort;

    @Option(names = "--no-web-port", description = "Serve no web port (no /metrics)")
    boolean noWebPort;

    DataServerConfig config() {
        Settings s = Dfs.settings(spec);
        String ns = s.get("nameserver", nameServer != null ? nameServer : nameServerArg, "localhost:9000");
        HostPort nsAddress;
        try {
            nsAddress = HostPort.parse(ns, NameServerConfig.DEFAULT_PORT);
        } catch (IllegalArgumentException e) {
            throw new CliException("invalid name server address '" + ns + "': " + e.getMessage());
        }
        int dataPort = s.port("dataserver.port", port != null ? port : portArg, DataServerConfig.DEFAULT_PORT);
        // beside the data port, so several data servers on one host (distinct data ports) need no more flags
        int defaultWeb = dataPort == 0 ? 0 : dataPort + 100 <= 65535 ? dataPort + 100 : 0;
        return new DataServerConfig(
                s.get("dataserver.host", host != null ? host : hostArg, "localhost"),
                dataPort,
                s.path("dataserver.storage-dir", storageDir != null ? storageDir : storageArg, "storage"),
                nsAddress,
                s.bytes("dataserver.capacity", capacity, "0"),
                s.get("secret", secret, null))
                .withRack(s.get("dataserver.rack", rack, DataServerConfig.DEFAULT_RACK))
                .withWebPort(noWebPort ? DataServerConfig.NO_WEB_PORT
                        : s.port("dataserver.web-port", webPort, defaultWeb))
                .withTls(io.jdfs.shell.client.TlsOptions.clientAuth(tls.settings(s::get),
                        tlsClientAuth || Boolean.parseBoolean(s.get("tls.client-auth", null, "false"))));
    }

    @Override
    public Integer call() {
        DataServerConfig cfg = config();
        DataServer ds;
        try {
            ds = DataServer.start(cfg);
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
