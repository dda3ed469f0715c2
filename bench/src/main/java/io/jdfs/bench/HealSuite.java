package io.jdfs.bench;

import io.jdfs.client.DfsClient;
import io.jdfs.common.Sizes;
import io.jdfs.local.LocalCluster;
import io.jdfs.name.replication.ReplicationMonitor;
import io.jdfs.protocol.DataServerState;
import io.jdfs.protocol.FsckReport;

import java.io.IOException;
import java.time.Duration;

/**
 * Stops one data server that holds part of a large file and times the cluster's repair: detection
 * (stop until the name server declares it dead), stop until fsck shows full replication, and the copy
 * rate after detection. The stopped server, the one holding the most, is replaced by an empty one (its storage deleted,
 * as after a disk swap) before the next repetition.
 */
final class HealSuite implements Suite {
    private static final long TIMEOUT_NANOS = 600_000_000_000L;

    @Override
    public String name() {
        return "heal";
    }

    @Override
    public boolean needsLocalCluster() {
        return true;
    }

    /** The data server holding the most bytes: stopping it always leaves something to repair. */
    private static int fullest(LocalCluster c) {
        int best = 0;
        for (int i = 1; i < c.dataServers().size(); i++) {
            if (c.dataServer(i).store().used() > c.dataServer(best).store().used()) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public void run(Context ctx) throws Exception {
        LocalCluster c = ctx.cluster;
        long size = ctx.options.size();
        String dir = ctx.path("heal");
        ctx.progress.step(name(), 0, ctx.repeat(), "writing " + Sizes.human(size) + " to heal");
        Context.write(ctx.client, dir + "/big", size, ctx.buffer());
        Figure detect = ctx.figure(name(), "detection: stop -> declared dead", "s", false, null);
        Figure total = ctx.figure(name(), "stop -> full replication (" + Sizes.human(size) + ")", "s", false, null);
        Figure rate = ctx.figure(name(), "re-replication after detection", "MiB/s", true, null);
        Figure copied = ctx.figure(name(), "re-replicated", "MiB", true, null);
        ReplicationMonitor monitor = c.nameServer().healing().monitor();
        for (int r = 0; r < ctx.repeat(); r++) {
            await(ctx, r, "waiting for full replication before the stop", () -> healthy(ctx.client, dir));
            int victim = fullest(c); // placement may leave a server without a replica of a small file
            String id = c.dataServer(victim).serverId();
            long held = c.dataServer(victim).store().used();
            long copiedBefore = monitor.totalCopiedBytes();
            ctx.progress.step(name(), r, ctx.repeat(), "stopped data server " + victim + " holding "
                    + Sizes.human(held) + "; waiting for repair");
            long stop = System.nanoTime();
            c.stopDataServer(victim);
            long deadAt = 0;
            while (true) {
                boolean dead = ctx.client.clusterStatus().servers().stream()
                        .anyMatch(s -> s.id().equals(id) && s.state() == DataServerState.DEAD);
                if (dead && deadAt == 0) {
                    deadAt = System.nanoTime();
                }
                if (dead && monitor.backlog() == 0 && healthy(ctx.client, dir)) {
                    break;
                }
                if (System.nanoTime() - stop > TIMEOUT_NANOS) {
                    throw new IOException("replication not restored 10 minutes after stopping " + id);
                }
                Thread.sleep(100);
            }
            long end = System.nanoTime();
            double copiedMiB = Context.mib(monitor.totalCopiedBytes() - copiedBefore);
            detect.add((deadAt - stop) / 1e9);
            total.add((end - stop) / 1e9);
            rate.add(copiedMiB / Math.max((end - deadAt) / 1e9, 1e-3));
            copied.add(copiedMiB);
            // the stopped server comes back empty, as a replaced disk would: no excess replicas to remove
            ctx.progress.step(name(), r, ctx.repeat(), "replacing data server " + victim + " with an empty one");
            SmallFilesSuite.deleteTree(c.storageDir(victim));
            String fresh = c.startDataServer(victim).serverId();
            c.awaitRegistered(Duration.ofSeconds(60));
            await(ctx, r, "waiting for the new server to be live", () -> ctx.client.clusterStatus().servers()
                    .stream().anyMatch(s -> s.id().equals(fresh) && s.state() == DataServerState.LIVE));
        }
        ctx.client.delete(dir, true);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void await(Context ctx, int r, String what, Check check) throws Exception {
        ctx.progress.step("heal", r, ctx.repeat(), what);
        long t0 = System.nanoTime();
        while (!check.ok()) {
            if (System.nanoTime() - t0 > TIMEOUT_NANOS) {
                throw new IOException("timed out " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Every block under {@code dir} has its full replication. */
    static boolean healthy(DfsClient client, String dir) throws IOException {
        FsckReport r = client.admin().fsck(dir);
        return r.healthy() && r.files().stream()
                .flatMap(f -> f.blocks().stream()).allMatch(b -> b.liveReplicas() >= b.expected());
    }
}
