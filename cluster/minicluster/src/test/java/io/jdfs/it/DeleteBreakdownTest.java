package io.jdfs.it;

import io.jdfs.client.DfsClient;
import io.jdfs.it.PrometheusText.Sample;
import io.jdfs.local.LocalCluster;
import io.jdfs.local.junit.WithLocalCluster;
import io.jdfs.name.NameServerConfig;
import io.jdfs.protocol.Caller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.jdfs.it.PrometheusText.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a serial delete's time goes, journal on this machine's disk with fsync: printed as FIGURE
 * lines (not asserted: the machine is shared). Paired per file, so every phase sees the same load: the
 * name-server round trip alone (a stat), the namespace change under the lock and the journal write +
 * fdatasync (both in process, on the test thread), a local append + fdatasync (the disk's floor at that
 * moment), the server's Delete timer, and the client's delete round trip. What the delete has beyond
 * stat + change + flush is thread hand-offs; without fsync it is the whole difference from a stat.
 * Asserted: every delete is answered, the files are gone, at most one journal fsync per delete.
 */
@WithLocalCluster(dataServers = 2) // its journal is on disk and fsynced
class DeleteBreakdownTest {
    private static final int FILES = 200;
    /** The fsync-less cluster's and the disk floor's files (the fixture's cluster has its own directory). */
    @TempDir
    static Path dir;
    private static LocalCluster cluster;
    private static DfsClient client;

    private static List<Sample> metrics() throws Exception {
        return MetricsTest.scrape(cluster.nameServer().webPort());
    }

    private static List<String> files(String d, int n) throws Exception {
        return files(client, d, n);
    }

    private static List<String> files(DfsClient client, String d, int n) throws Exception {
        client.mkdirs(d);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String p = d + "/f" + i;
            try (var o = client.create(p)) {
                o.write(new byte[4096]);
            }
            out.add(p);
        }
        return out;
    }

    /**
     * The same without the disk (journal written, not fsynced): what a delete costs beyond a stat is
     * then the change, the journal write and any thread hand-off on the way to the answer.
     */
    @Test
    void beyondStatWithoutTheDisk() throws Exception {
        var cfg = NameServerConfig.forTests().withMetaDir(dir.resolve("nofsync-meta"))
                .withDurability(new NameServerConfig.Durability(false, 100_000, 600_000, 0.999, 5_000));
        try (LocalCluster c = LocalCluster.start(dir.resolve("nofsync"), cfg, 2, 0, 0); DfsClient cl = c.newClient()) {
            double stat = 0;
            double delete = 0;
            int rounds = 4;
            for (int round = 0; round < rounds; round++) {
                List<String> fs = files(cl, "/r" + round, 150);
                long statNanos = 0;
                long deleteNanos = 0;
                for (String p : fs) { // paired, so both see the same load on a shared machine
                    long t0 = System.nanoTime();
                    cl.stat(p);
                    long t1 = System.nanoTime();
                    assertThat(cl.delete(p, false)).isTrue();
                    statNanos += t1 - t0;
                    deleteNanos += System.nanoTime() - t1;
                }
                if (round > 0) { // the first warms up
                    stat += statNanos / 1e3 / fs.size();
                    delete += deleteNanos / 1e3 / fs.size();
                }
                assertThat(cl.list("/r" + round)).isEmpty();
            }
            System.out.printf(Locale.ROOT, "FIGURE serial delete without fsync: %.0f us = stat round trip %.0f + %.0f us beyond%n",
                    delete / (rounds - 1), stat / (rounds - 1), (delete - stat) / (rounds - 1));
        }
    }

    @Test
    void serialDeleteBreakdown() throws Exception {
        List<String> warm = files("/warm", 50);
        for (String p : warm) {
            client.delete(p, false);
        }
        List<String> viaRpc = files("/rpc", FILES);
        List<String> inProcess = files("/inproc", FILES);

        long h0 = System.nanoTime();
        for (int r = 0; r < 5; r++) {
            for (String p : viaRpc) {
                client.stat(p);
            }
        }
        double hotStatUs = (System.nanoTime() - h0) / 1e3 / (5.0 * FILES);
        // paired per file, so every phase sees the same load on a shared machine
        var ns = cluster.nameServer().namespace();
        List<Sample> before = metrics();
        long syncs0 = cluster.nameServer().journalSyncs();
        long stat = 0;
        long rpc = 0;
        long change = 0;
        long flush = 0;
        long local = 0;
        java.nio.channels.FileChannel floor = java.nio.channels.FileChannel.open(dir.resolve("floor.bin"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        for (int i = 0; i < FILES; i++) {
            long t0 = System.nanoTime();
            client.stat(viaRpc.get(i));
            long t1 = System.nanoTime();
            assertThat(client.delete(viaRpc.get(i), false)).isTrue();
            long t2 = System.nanoTime();
            // in process, on this thread: the change under the lock, then the journal flush (this thread leads it)
            assertThat(ns.delete(Caller.ROOT, inProcess.get(i), false)).isTrue();
            long t3 = System.nanoTime();
            ns.durable().join();
            long t4 = System.nanoTime();
            floor.write(java.nio.ByteBuffer.allocate(128)); // the disk's floor at this moment: a small append + fdatasync
            floor.force(false);
            local += System.nanoTime() - t4;
            stat += t1 - t0;
            rpc += t2 - t1;
            change += t3 - t2;
            flush += t4 - t3;
        }
        double statUs = stat / 1e3 / FILES;
        double deleteUs = rpc / 1e3 / FILES;
        double changeUs = change / 1e3 / FILES;
        double flushUs = flush / 1e3 / FILES;
        double localUs = local / 1e3 / FILES;
        floor.close();
        long syncs = cluster.nameServer().journalSyncs() - syncs0;
        List<Sample> after = metrics();
        double serverUs = perCall(before, after, "jdfs_rpc_seconds", "call", "Delete", "outcome", "ok");
        double fsyncUs = perCall(before, after, "jdfs_journal_fsync_seconds");

        System.out.printf(Locale.ROOT, "FIGURE serial delete breakdown (%d deletes, us each): round trip %.0f = stat round trip"
                        + " %.0f + change under the lock %.0f + journal write+fdatasync %.0f (fdatasync alone %.0f)"
                        + " + the rest %.0f (thread hand-offs); the server's Delete timer %.0f; %.2f fsyncs per delete;"
                        + " a local 128 B append + fdatasync at the same moments %.0f; stat round trip in a tight loop %.0f%n",
                FILES, deleteUs, statUs, changeUs, flushUs, fsyncUs, deleteUs - statUs - changeUs - flushUs, serverUs,
                (double) syncs / (2 * FILES), localUs, hotStatUs);
        assertThat(client.list("/rpc")).isEmpty();
        assertThat(client.list("/inproc")).isEmpty();
        assertThat(syncs).isLessThanOrEqualTo(2 * FILES);
    }

    private static double perCall(List<Sample> before, List<Sample> after, String timer, String... labels) {
        double n = value(after, timer + "_count", labels) - value(before, timer + "_count", labels);
        double s = value(after, timer + "_sum", labels) - value(before, timer + "_sum", labels);
        return n == 0 ? 0 : s * 1e6 / n;
    }
}
