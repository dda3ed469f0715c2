package io.jdfs.cli;

import io.jdfs.name.NameServer;
import io.jdfs.name.NameServerConfig;
import io.jdfs.name.replication.ReplicationConfig;
import io.jdfs.rpc.ServerLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code dfs nameserver [web_port]}: the name server with its web port, in the foreground. */
@Command(name = "nameserver", mixinStandardHelpOptions = true,
        description = "Run the name server (namespace, block map, data server registry) and its web port.")
final class NameServerCommand implements Callable<Integer>, SettingOptions.Configurable {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "WEB_PORT", description = "Same as --web-port")
    String webPortArg;

    @picocli.CommandLine.Mixin
    io.jdfs.shell.client.TlsOptions tls = new io.jdfs.shell.client.TlsOptions();

    @Option(names = "--no-console", description = "Serve only the JSON API on the web port, no console at /")
    boolean noConsole;

    @Option(names = "--format", description = "Create the metadata directory of a new cluster and exit "
            + "(refused when the directory already holds one)")
    boolean format;

    @Override
    public List<Setting<?>> settings() {
        return NameServerSettings.all();
    }

    NameServerConfig config() {
        Settings s = Dfs.settings(spec);
        int web = s.get(NameServerSettings.WEB_PORT, spec, webPortArg, "WEB_PORT");
        long hb = s.get(NameServerSettings.HEARTBEAT, spec);
        long dead = s.get(NameServerSettings.DEAD_AFTER, spec);
        Long staleSetting = s.get(NameServerSettings.STALE_AFTER, spec);
        long stale = staleSetting != null ? staleSetting : Math.min(3 * hb, dead);
        if (stale > dead || hb >= stale) {
            throw new CliException("liveness settings must satisfy heartbeat-interval < stale-after <= dead-after (got "
                    + hb + " ms, " + stale + " ms, " + dead + " ms)");
        }
        return NameServerConfig.defaults()
                .withAddress(s.get(NameServerSettings.BIND, spec), s.get(NameServerSettings.PORT, spec), web)
                .withMetaDir(s.get(NameServerSettings.META_DIR, spec))
                .withSecret(s.get(CommonSettings.SECRET, spec))
                .withDefaults(s.get(NameServerSettings.REPLICATION, spec), s.get(NameServerSettings.BLOCK_SIZE, spec))
                .withLiveness(hb, stale, dead)
                .withLeaseExpiry(s.get(NameServerSettings.LEASE_EXPIRY, spec))
                .withSupergroup(s.get(NameServerSettings.SUPERGROUP, spec))
                .withTls(CommonSettings.withClientAuth(tls.settings(s::get), s.get(CommonSettings.TLS_CLIENT_AUTH, spec)))
                .withUsers(s.get(NameServerSettings.USERS, spec))
                .withAccess(access(s));
    }

    ServerLimits limits() {
        return NameServerSettings.LIMITS.read(Dfs.settings(spec), spec);
    }

    private NameServerConfig.Access access(Settings s) {
        String proxies = s.get(NameServerSettings.PROXY_USERS, spec);
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (String n : proxies == null ? new String[0] : proxies.split(",")) {
            if (!n.isBlank()) {
                names.add(n.trim());
            }
        }
        return new NameServerConfig.Access(s.get(NameServerSettings.ATIME, spec).equals("relatime"), names,
                s.get(NameServerSettings.AUDIT_LOG, spec));
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
            ns = NameServer.start(cfg, ReplicationConfig.from(cfg), limits());
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
            java.nio.file.Path users = Dfs.settings(spec).get(CommonSettings.CONSOLE_USERS, spec);
            if (!noConsole && WebConsole.mount(ns, host + ":" + ns.port(), cfg.secret(), cfg.tls(),
                    users, Math.min(2_000, cfg.heartbeatIntervalMillis()),
                    GatewayLogin.of("the console", Dfs.settings(spec).get(CommonSettings.CONSOLE_USER, spec),
                            Dfs.settings(spec).get(CommonSettings.CONSOLE_PASSWORD_FILE, spec), null),
                    spec.commandLine().getErr())) {
                out.printf("  console   %s://%s:%d/%s%n", web, host, ns.webPort(),
                        users == null ? "  (open: no --console-users file)" : "");
            }
            if (!noConsole && cfg.usersFile() != null && Dfs.settings(spec).get(CommonSettings.CONSOLE_USER, spec) == null) {
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
