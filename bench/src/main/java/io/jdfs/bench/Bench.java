package io.jdfs.bench;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.DfsClient;
import io.jdfs.common.Sizes;
import io.jdfs.local.LocalCluster;
import io.jdfs.name.NameServerConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Runs the suites: starts a local cluster when asked (and times its start-up), makes a directory for the
 * run on the cluster, runs each suite in turn and removes everything it wrote, here and there.
 */
public final class Bench {
    public static final int LOCAL_DATA_SERVERS = 3;

    private static final List<Suite> SUITES = List.of(new WriteSuite(), new ReadSuite(), new ParallelSuite(),
            new SmallFilesSuite(), new HealSuite(), new MetaSuite(), new WebDavSuite(), new RewriteSuite(),
            new CliSuite(), new FuseSuite(), new TlsSuite());

    private Bench() {
    }

    /** Runs the benchmark; a suite that fails is recorded in the report and the others still run. */
    public static Report run(BenchOptions o, Progress progress) throws Exception {
        Report report = new Report();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Files.createDirectories(o.scratch());
        Path scratch = Files.createTempDirectory(o.scratch(), "jdfs-bench-");
        settings(report, o, stamp, scratch);
        LocalCluster cluster = null;
        try {
            ClientConfig config = o.remote();
            String root = "/jdfs-bench-" + stamp + "-" + ProcessHandle.current().pid();
            Figure startup = null;
            if (o.local()) {
                progress.note("starting a local cluster under " + scratch);
                startup = report.add(new Figure("startup", "local cluster ready to serve", "ms", false, null));
                long t0 = System.nanoTime();
                cluster = LocalCluster.start(scratch.resolve("cluster"), localConfig(o), LOCAL_DATA_SERVERS, 0, 0);
                config = ClientConfig.of(cluster.nameServerAddress());
                try (DfsClient probe = DfsClient.connect(config)) {
                    probe.mkdirs(root);
                }
                startup.add(Context.seconds(t0) * 1000);
                report.add(new Figure("startup", "name server start-up (its own timer)", "ms", false, null))
                        .add(cluster.nameServer().startupMillis());
            }
            try (DfsClient client = DfsClient.connect(config)) {
                client.mkdirs(root);
                Context ctx = new Context(o, progress, report, scratch, config, cluster, client, root);
                try {
                    for (Suite s : SUITES) {
                        if (!o.suites().contains(s.name())) {
                            continue;
                        }
                        if (s.needsLocalCluster() && cluster == null) {
                            report.skip(s.name(), "needs --local (it stops a data server or reads the name server's heap)");
                            continue;
                        }
                        try {
                            s.run(ctx);
                        } catch (Exception e) {
                            progress.note(s.name() + " failed: " + e);
                            report.fail(s.name(), e);
                        }
                    }
                } finally {
                    try {
                        client.delete(root, true);
                    } catch (Exception e) {
                        progress.note("could not delete " + root + ": " + e);
                    }
                }
            }
        } finally {
            progress.clear();
            if (cluster != null) {
                cluster.close();
            }
            SmallFilesSuite.deleteTree(scratch);
        }
        return report;
    }

    static NameServerConfig localConfig(BenchOptions o) {
        long hb = o.heartbeatMillis();
        long dead = o.deadAfterMillis();
        return NameServerConfig.defaults().withAddress("127.0.0.1", 0, -1)
                .withDefaults(2, BenchOptions.BLOCK_SIZE)
                .withLiveness(hb, Math.min(dead, Math.max(hb * 3, dead / 2)), dead);
    }

    private static void settings(Report r, BenchOptions o, String stamp, Path scratch) {
        r.setting("started", stamp);
        r.setting("machine", Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", max heap " + Sizes.human(Runtime.getRuntime().maxMemory()));
        if (o.local()) {
            NameServerConfig c = localConfig(o);
            r.setting("cluster", String.format(Locale.ROOT, "local: name server + %d data servers in this JVM, "
                    + "replication 2, 4 MiB blocks, data under %s", LOCAL_DATA_SERVERS, scratch));
            r.setting("liveness", String.format(Locale.ROOT, "heartbeat %d ms, stale after %d ms, dead after %d ms",
                    c.heartbeatIntervalMillis(), c.staleAfterMillis(), c.deadAfterMillis()));
        } else {
            r.setting("cluster", "remote: " + o.remote().nameServer() + " (local limits measured under " + scratch + ")");
        }
        r.setting("sizes", String.format(Locale.ROOT, "large file %s, %d parallel clients, %,d small files, "
                        + "%,d-entry directory, %,d files for meta%s", Sizes.human(o.size()), o.clients(),
                o.smallFiles(), o.dirEntries(), o.metaFiles(), o.smoke() ? " (smoke mode)" : ""));
        r.setting("repetitions", o.repeat() + " (every figure is the median; startup and meta: one sample)");
        r.setting("suites", String.join(" ", o.suites()));
    }
}
