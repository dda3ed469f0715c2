package io.jdfs.bench;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import io.jdfs.name.NameServerConfig;
import io.jdfs.name.replication.ReplicationMonitor;
import io.jdfs.protocol.DataServerState;
import io.jdfs.protocol.FsckReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Not a test: how fast the cluster heals. Starts 3 data servers in a temp dir, writes {@code MiB}
 * (default 1024) at replication 2 in 4 MiB blocks, stops one data server, and reports the seconds from
 * the stop to full replication and the re-replication rate.
 * Usage: {@code HealBenchmark [MiB] [heartbeatMillis] [deadAfterMillis]}.
 */
public final class HealBenchmark {
    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        long heartbeat = args.length > 1 ? Long.parseLong(args[1]) : 1_000;
        long deadAfter = args.length > 2 ? Long.parseLong(args[2]) : 6_000;
        long blockSize = 4L << 20;
        Path dir = Files.createTempDirectory("jdfs-heal-bench");
        NameServerConfig config = NameServerConfig.forTests().withLiveness(heartbeat, Math.min(deadAfter, heartbeat * 3), deadAfter);
        try (LocalCluster c = LocalCluster.start(dir, config, 3, 0, 0); DfsClient client = c.newClient()) {
            byte[] buf = new byte[1 << 20];
            new Random(1).nextBytes(buf);
            long t0 = System.nanoTime();
            long files = Math.max(1, mib / 64);
            for (long f = 0; f < files; f++) {
                long size = mib / files + (f == files - 1 ? mib % files : 0);
                try (DfsOutputStream out = client.create("/bench/f" + f,
                        CreateOptions.defaults().withBlockSize(blockSize).withReplication(2))) {
                    for (long i = 0; i < size; i++) {
                        buf[0] = (byte) i;
                        buf[1] = (byte) f;
                        out.write(buf);
                    }
                }
            }
            double writeSeconds = (System.nanoTime() - t0) / 1e9;
            while (!healthy(client)) {
                Thread.sleep(50);
            }
            ReplicationMonitor monitor = c.nameServer().healing().monitor();
            long copiedBefore = monitor.totalCopiedBytes();
            long victimBytes = c.dataServer(0).store().used();
            String victim = c.dataServer(0).serverId();
            long stop = System.nanoTime();
            c.stopDataServer(0);
            long deadAt = 0;
            while (true) {
                boolean dead = client.clusterStatus().servers().stream()
                        .anyMatch(s -> s.id().equals(victim) && s.state() == DataServerState.DEAD);
                if (dead && deadAt == 0) {
                    deadAt = System.nanoTime();
                }
                if (dead && healthy(client) && monitor.backlog() == 0) {
                    break;
                }
                Thread.sleep(50);
            }
            double total = (System.nanoTime() - stop) / 1e9;
            double detect = (deadAt - stop) / 1e9;
            double copyMiB = (monitor.totalCopiedBytes() - copiedBefore) / 1048576.0;
            double copySeconds = total - detect;
            System.out.printf("data written:              %d MiB at replication 2, 4 MiB blocks, 3 data servers (%.1f s, %.0f MiB/s)%n",
                    mib, writeSeconds, mib / writeSeconds);
            System.out.printf("liveness:                  heartbeat %d ms, dead after %d ms%n", heartbeat, deadAfter);
            System.out.printf("stopped server held:       %.0f MiB%n", victimBytes / 1048576.0);
            System.out.printf("detection (stop -> dead):  %.2f s%n", detect);
            System.out.printf("stop -> full replication:  %.2f s%n", total);
            System.out.printf("re-replicated:             %.0f MiB in %.2f s after detection = %.0f MiB/s%n",
                    copyMiB, copySeconds, copyMiB / Math.max(copySeconds, 1e-3));
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static boolean healthy(DfsClient client) throws Exception {
        FsckReport r = client.admin().fsck("/bench");
        return r.healthy() && r.files().stream().flatMap(f -> f.blocks().stream())
                .allMatch(b -> b.liveReplicas() >= b.expected());
    }
}
