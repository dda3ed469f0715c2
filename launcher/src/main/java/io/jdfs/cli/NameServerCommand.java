package io.jdfs.cli;

import io.jdfs.name.NameServer;
import io.jdfs.name.NameServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code dfs nameserver [web_port]}: the name server with its web port, in the foreground. */
@Command(name = "nameserver", mixinStandardHelpOptions = true,
        description = "Run the name server (namespace, block map, data server registry) and its web port.")
final class NameServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "WEB_PORT", description = "Same as --web-port")
    String webPortArg;

    @Option(names = "--port", paramLabel = "PORT", description = "RPC port (default 9000)")
    String port;

    @Option(names = "--web-port", paramLabel = "PORT", description = "Web port: JSON admin API under /api (default 8080)")
    String webPort;

    @Option(names = "--bind", paramLabel = "HOST", description = "Address to listen on (default 0.0.0.0: all)")
    String bind;

    @Option(names = "--meta-dir", paramLabel = "DIR", description = "Metadata directory (default ./dfs-name)")
    String metaDir;

    @Option(names = "--secret", paramLabel = "SECRET",
            description = "Cluster secret every peer must know (default none; prefer JDFS_SECRET)")
    String secret;

    @Option(names = "--users", paramLabel = "FILE",
            description = "Users file (dfs admin user add): clients must log in (default none: simple mode, callers"
                    + " are trusted as they name themselves)")
    String users;

    @picocli.CommandLine.Mixin
    io.jdfs.shell.client.TlsOptions tls = new io.jdfs.shell.client.TlsOptions();

    @Option(names = "--tls-client-auth",
            description = "Mutual TLS: require from every peer a certificate signed by the cluster CA (clients then use"
                    + " a key store of their own from `dfs admin certs`, not trust.p12); setting tls.client-auth")
    boolean tlsClientAuth;

    @Option(names = "--replication", paramLabel = "N", description = "Default replication factor (default 2)")
    String replication;

    @Option(names = "--block-size", paramLabel = "SIZE", description = "Default block size (default 4m)")
    String blockSize;

    @Option(names = "--heartbeat-interval", paramLabel = "DURATION",
            description = "Data server heartbeat interval (default 3s)")
    String heartbeat;

    @Option(names = "--stale-after", paramLabel = "DURATION",
            description = "A silent data server is stale (no new blocks) after (default 3 heartbeats)")
    String staleAfter;

    @Option(names = "--dead-after", paramLabel = "DURATION",
            description = "A silent data server is dead (replicas lost) after (default 30s)")
    String deadAfter;

    @Option(names = "--proxy-users", paramLabel = "NAME,NAME",
            description = "Users of the users file who may act for its other users (gateways), as HDFS's proxy users"
                    + " (default none)")
    String proxyUsers;

    @Option(names = "--audit-log", paramLabel = "FILE",
            description = "Append every namespace change and every refused request (user, address, operation, paths,"
                    + " result) to FILE, as HDFS's audit log (default none)")
    String auditLog;

    @Option(names = "--atime", paramLabel = "relatime|off",
            description = "Access times: moved by reads as Linux's relatime, or never (default relatime)")
    String atime;

    @Option(names = "--supergroup", paramLabel = "GID",
            description = "Members of this group are superusers, as root and the user running the name server (default none)")
    String supergroup;

    @Option(names = "--lease-expiry", paramLabel = "DURATION",
            description = "A writer silent this long is gone: its upload's temporary is deleted, a file it wrote"
                    + " directly is closed at what reached the data servers (default 60s)")
    String leaseExpiry;

    @Option(names = "--console-users", paramLabel = "FILE",
            description = "Users of the web console, name:password[:read-only] a line (default: an open console)")
    String consoleUsers;

    @Option(names = "--console-user", paramLabel = "NAME",
            description = "With --users: the user of the users file the console acts as (a superuser to decommission"
                    + " servers and leave safe mode)")
    String consoleUser;

    @Option(names = "--console-password-file", paramLabel = "FILE",
            description = "The --console-user's password, first line of FILE (default env JDFS_PASSWORD)")
    String consolePasswordFile;

    @Option(names = "--no-console", description = "Serve only the JSON API on the web port, no console at /")
    boolean noConsole;

    @Option(names = "--format", description = "Create the metadata directory of a new cluster and exit "
            + "(refused when the directory already holds one)")
    boolean format;

    NameServerConfig config() {
        Settings s = Dfs.settings(spec);
        int web = s.port("nameserver.web-port", webPort != null ? webPort : webPortArg, NameServerConfig.DEFAULT_WEB_PORT);
        long hb = s.millis("nameserver.heartbeat-interval", heartbeat, "3s");
        long dead = s.millis("nameserver.dead-after", deadAfter, "30s");
        long stale = s.millis("nameserver.stale-after", staleAfter, Long.toString(Math.min(3 * hb, dead)));
        if (stale > dead || hb >= stale) {
            throw new CliException("liveness settings must satisfy heartbeat-interval < stale-after <= dead-after (got "
                    + hb + " ms, " + stale + " ms, " + dead + " ms)");
        }
        return NameServerConfig.defaults()
                .withAddress(s.get("nameserver.bind", bind, "0.0.0.0"),
                        s.port("nameserver.port", port, NameServerConfig.DEFAULT_PORT), web)
                .withMetaDir(s.path("nameserver.meta-dir", metaDir, "dfs-name"))
                .withSecret(s.get("secret", secret, null))
                .withDefaults(s.integer("nameserver.replication", replication, 2, 1, 32),
                        s.bytes("nameserver.block-size", blockSize, "4m"))
                .withLiveness(hb, stale, dead)
                .withLeaseExpiry(s.millis("nameserver.lease-expiry", leaseExpiry, "60s"))
                .withSupergroup(s.integer("nameserver.supergroup", supergroup, -1, -1, Integer.MAX_VALUE))
                .withTls(io.jdfs.shell.client.TlsOptions.clientAuth(tls.settings(s::get),
                        tlsClientAuth || Boolean.parseBoolean(s.get("tls.client-auth", null, "false"))))
                .withUsers(s.get("nameserver.users", users, null) == null ? null
                        : java.nio.file.Path.of(s.get("nameserver.users", users, null)))
                .withAccess(access(s));
    }

    private NameServerConfig.Access access(Settings s) {
        String a = s.get("nameserver.atime", atime, "relatime");
        if (!a.equals("relatime") && !a.equals("off")) {
            throw new CliException("invalid --atime '" + a + "': give relatime or off");
        }
        String proxies = s.get("nameserver.proxy-users", proxyUsers, "");
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (String n : proxies.split(",")) {
            if (!n.isBlank()) {
                names.add(n.trim());
            }
        }
        String audit = s.get("nameserver.audit-log", auditLog, null);
        return new NameServerConfig.Access(a.equals("relatime"), names, audit == null ? null : java.nio.file.Path.of(audit));
    }

    @Override
    public Integer call() {
        NameServerConfig cfg = config();
        if (format) {
            try {
                String id = NameServer.format(cfg.metaDir());
                spec.commandLine().getOut().printf("formatted %s for new cluster %s%n",
                        cfg.metaDir().toAbsolutePath().normalize(), id);
                return 0;
            } catch (java.io.IOException e) {
                throw new CliException(e.getMessage());
            }
        }
        NameServer ns;
        try {
            ns = NameServer.start(cfg);
        } catch (Exception e) {
            throw Foreground.cannotStart("the name server on " + cfg.bindHost() + ":" + cfg.port(), e);
        }
        String host = cfg.bindHost().equals("0.0.0.0") ? "localhost" : cfg.bindHost();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("JDFS name server of cluster %s%n", ns.clusterId());
        out.printf("  rpc       %s:%d (clients and data servers: --nameserver %s:%d)%n", cfg.bindHost(), ns.port(),
                host, ns.port());
        if (ns.webPort() > 0) {
            String web = cfg.tls() == null ? "http" : "https";
            Settings s = Dfs.settings(spec);
            String users = s.get("console.users", consoleUsers, null);
            if (!noConsole && WebConsole.mount(ns, host + ":" + ns.port(), cfg.secret(), cfg.tls(),
                    users == null ? null : java.nio.file.Path.of(users), Math.min(2_000, cfg.heartbeatIntervalMillis()),
                    GatewayLogin.of("the console", s.get("console.user", consoleUser, null),
                            s.get("console.password-file", consolePasswordFile, null), null),
                    spec.commandLine().getErr())) {
                out.printf("  console   %s://%s:%d/%s%n", web, host, ns.webPort(),
                        users == null ? "  (open: no --console-users file)" : "");
            }
            if (!noConsole && cfg.usersFile() != null && s.get("console.user", consoleUser, null) == null) {
                out.printf("  WARNING   the name server has --users but the console no --console-user: it cannot log in%n");
            }
            out.printf("  web       %s://%s:%d/api/status%n", web, host, ns.webPort());
            out.printf("  metrics   %s://%s:%d/metrics%n", web, host, ns.webPort());
        }
        out.printf("  metadata  %s%n", cfg.metaDir().toAbsolutePath().normalize());
        out.printf("  defaults  replication %d, block size %s%n", cfg.defaultReplication(),
                io.jdfs.common.Sizes.human(cfg.defaultBlockSize()));
        return Foreground.runUntilStopped(out, ns);
    }
}
