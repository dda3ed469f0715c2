package io.jdfs.cli;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.DfsClient;
import io.jdfs.data.DataServer;
import io.jdfs.local.LocalCluster;
import io.jdfs.name.NameServerConfig;
import io.jdfs.shell.ShellOptions;
import io.jdfs.webdav.WebDavOptions;
import io.jdfs.webdav.WebDavServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code dfs local}: a name server and N data servers in one process, on the default ports. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = {"Run a whole cluster in one process: a name server and N data servers, data under ./dfs-data.",
                "On a terminal it then opens the shell (dfs shell) on it; leaving the shell stops the cluster."})
final class LocalCommand implements Callable<Integer>, SettingOptions.Configurable {
    @Spec
    CommandSpec spec;

    @Option(names = "--no-webdav", description = "Do not start the WebDAV gateway")
    boolean noWebDav;

    @Option(names = "--mount", paramLabel = "DIR", description = "Also mount the cluster at DIR (FUSE), unmounted on stop")
    Path mountDir;

    @picocli.CommandLine.Mixin
    io.jdfs.shell.client.TlsOptions tls = new io.jdfs.shell.client.TlsOptions();

    @Option(names = "--no-console", description = "Serve only the JSON API on the web port, no console at /")
    boolean noConsole;

    /** On a terminal, {@code dfs local} opens the shell on the new cluster; otherwise it stays in the foreground. */
    static boolean dropsIntoShell() {
        return System.console() != null;
    }

    @Override
    public java.util.List<Setting<?>> settings() {
        return LocalSettings.all();
    }

    @Override
    public Integer call() {
        Settings s = Dfs.settings(spec);
        Path base = s.get(LocalSettings.DATA, spec).toAbsolutePath().normalize();
        int n = s.get(LocalSettings.DATA_SERVERS, spec);
        int first = s.get(LocalSettings.FIRST_DATA_PORT, spec);
        String secret = s.get(CommonSettings.SECRET, spec);
        NameServerConfig cfg = NameServerConfig.defaults()
                .withAddress(s.get(LocalSettings.BIND, spec), s.get(LocalSettings.PORT, spec),
                        s.get(LocalSettings.WEB_PORT, spec))
                .withSecret(secret)
                .withTls(tls.settings(s::get))
                .withDefaults(s.get(LocalSettings.REPLICATION, spec), s.get(LocalSettings.BLOCK_SIZE, spec));
        long cap = s.get(LocalSettings.CAPACITY, spec);
        int davPort = noWebDav ? 0 : s.get(LocalSettings.WEBDAV_PORT, spec);
        Map<String, Integer> ports = Ports.of("name server", cfg.port(), "web", cfg.webPort(), "WebDAV", davPort);
        for (int i = 0; i < n; i++) {
            ports.put("data server " + (i + 1), first + i);
        }
        Ports.requireFree(cfg.bindHost(), ports); // before anything is created
        boolean baseExisted = Files.exists(base);
        LocalCluster cluster;
        try {
            cluster = LocalCluster.start(base, cfg, n, first, cap);
        } catch (Exception e) {
            removeIfCreated(base, baseExisted);
            throw Foreground.cannotStart("the local cluster (name server port " + cfg.port() + ", data ports from "
                    + first + ")", e);
        }
        PrintWriter out = spec.commandLine().getOut();
        String host = cluster.nameServerAddress().substring(0, cluster.nameServerAddress().lastIndexOf(':'));
        AutoCloseable running;
        WebDavServer dav = null;
        try {
            dav = noWebDav ? null : startWebDav(cluster, host, davPort);
        } catch (java.io.IOException | RuntimeException e) {
            cluster.close();
            removeIfCreated(base, baseExisted);
            throw Foreground.cannotStart("the WebDAV gateway (use --webdav-port PORT or --no-webdav)", e);
        }
        WebDavServer webdav = dav;
        LocalMount m = null;
        if (mountDir != null) {
            try {
                m = LocalMount.start(cluster.nameServerAddress(), secret, cfg.tls(), mountDir);
            } catch (Exception e) {
                closeQuietly(webdav == null ? cluster : () -> {
                    webdav.close();
                    davClient.close();
                    cluster.close();
                });
                throw Foreground.cannotStart("the mount at " + mountDir, e);
            }
        }
        LocalMount mount = m;
        running = () -> {
            if (mount != null) {
                closeQuietly(mount);
            }
            if (webdav != null) {
                webdav.close();
                davClient.close();
            }
            cluster.close();
        };
        out.printf("JDFS local cluster: %d data server%s, data under %s%n", n, n == 1 ? "" : "s", base);
        out.printf("  name server  %s%n", cluster.nameServerAddress());
        Path users = s.get(CommonSettings.CONSOLE_USERS, spec);
        String web = cfg.tls() == null ? "http" : "https";
        boolean console = !noConsole && WebConsole.mount(cluster.nameServer(), cluster.nameServerAddress(),
                secret, cfg.tls(), users, 2_000, spec.commandLine().getErr());
        if (console) {
            out.printf("  console      %s://%s:%d/%s%n", web, host, cluster.nameServer().webPort(),
                    users == null ? "  (open: no --console-users file)" : "");
        }
        out.printf("  web          %s://%s:%d/api/status  (metrics: /metrics)%n", web, host, cluster.nameServer().webPort());
        if (webdav != null) {
            out.printf("  webdav       %s (map it as a network drive)%n", webdav.url());
        }
        if (mount != null) {
            out.printf("  mounted at   %s%n", mount.mountPoint());
        }
        for (int i = 0; i < n; i++) {
            DataServer ds = cluster.dataServer(i);
            out.printf("  data server  %s:%d  %s%s%n", host, ds.port(), cluster.storageDir(i),
                    ds.webPort() < 0 ? "" : "  metrics http://" + host + ":" + ds.webPort() + "/metrics");
        }
        String flag = (cluster.nameServer().port() == NameServerConfig.DEFAULT_PORT && host.equals("127.0.0.1") ? ""
                : " --nameserver " + cluster.nameServerAddress())
                // a client trusts the cluster's CA: the trust.p12 that `dfs admin certs` wrote beside the node's key store
                + (cfg.tls() == null ? "" : " --tls-keystore trust.p12");
        if (dropsIntoShell()) {
            out.println("Leaving the shell (exit or Ctrl-D) stops the cluster.");
            out.flush();
            try {
                ShellOptions o = new ShellOptions(cluster.nameServerAddress(), secret,
                        s.get(ShellSettings.HISTORY, (Path) null),
                        Path.of("").toAbsolutePath()).withTls(cfg.tls());
                return ShellCommand.run(o, null, out, spec.commandLine().getErr());
            } catch (java.io.IOException e) {
                throw new CliException("cannot open the shell: " + Failures.describe(e));
            } finally {
                out.println("stopping the local cluster");
                out.flush();
                closeQuietly(running);
            }
        }
        out.printf("Try: dfs client upload FILE%s; dfs client list%s%n", flag, flag);
        return Foreground.runUntilStopped(out, running);
    }

    /** The WebDAV gateway's own client (with the cluster secret), closed after the gateway. */
    private DfsClient davClient;

    private WebDavServer startWebDav(LocalCluster cluster, String host, int port) throws java.io.IOException {
        DfsClient client = DfsClient.connect(cluster.clientConfig());
        io.jdfs.rpc.tls.TlsSettings t = cluster.nameServer().config().tls();
        davClient = client;
        try {
            return WebDavServer.start(host, port, client, t == null ? WebDavOptions.defaults()
                    : WebDavOptions.defaults().withKeyStore(t.keyStore(), t.password()));
        } catch (java.io.IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** A failed start leaves no ./dfs-data behind that it created itself. */
    private static void removeIfCreated(Path base, boolean existed) {
        if (existed || !Files.exists(base)) {
            return;
        }
        try (java.util.stream.Stream<Path> all = Files.walk(base)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (java.io.IOException e) {
            System.err.println("dfs: could not remove " + base + ": " + Failures.describe(e));
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("dfs: error while stopping: " + Failures.describe(e));
        }
    }
}
