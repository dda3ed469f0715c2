package io.jdfs.bench;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.DfsClient;
import io.jdfs.name.NameServer;
import io.jdfs.name.NameServerConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Name-server figures with the journal on this machine's disk, fsync on: creates per second with 1
 * and 8 clients, journal fsyncs per second, and restart time with many files (from a checkpoint, and
 * from the journal alone). Not a test: run it and read the figures.
 * Args: [files for the restart measurement, default 100000].
 */
public final class NameServerBenchmark {
    private NameServerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int restartFiles = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", "/var/tmp")), "jdfs-nsbench");
        try {
            Path meta = dir.resolve("name");
            NameServerConfig cfg = NameServerConfig.defaults().withAddress("127.0.0.1", 0, -1).withMetaDir(meta);
            NameServer ns = NameServer.start(cfg);
            String addr = "127.0.0.1:" + ns.port();
            phase("creates, 1 client", ns, addr, 1, 2_000, "/one");
            phase("creates, 8 clients", ns, addr, 8, 1_000, "/eight");
            int each = restartFiles / 8;
            long t0 = System.nanoTime();
            runClients(addr, 8, each, "/many");
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "filled %d files in %.1f s%n", 8 * each, s);
            // a copy of the directory now has no checkpoint of these files: it restarts from the journal
            Path journalOnly = dir.resolve("journal-only");
            copy(meta, journalOnly);
            ns.close(); // writes the shutdown checkpoint
            long heapBefore = usedHeap();
            NameServer fromCkpt = NameServer.start(cfg.withAddress("127.0.0.1", 0, -1));
            long heapAfter = usedHeap();
            System.out.printf(Locale.ROOT, "restart from checkpoint: %d ms (%d files), heap +%d MiB%n",
                    fromCkpt.startupMillis(), fromCkpt.status().clusterStatus().files(), (heapAfter - heapBefore) >> 20);
            fromCkpt.close();
            NameServer fromJournal = NameServer.start(cfg.withMetaDir(journalOnly));
            System.out.printf(Locale.ROOT, "restart from journal only: %d ms (%d files)%n", fromJournal.startupMillis(),
                    fromJournal.status().clusterStatus().files());
            fromJournal.close();
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void phase(String name, NameServer ns, String addr, int clients, int perClient, String dir)
            throws Exception {
        long syncs0 = ns.journalSyncs();
        long t0 = System.nanoTime();
        runClients(addr, clients, perClient, dir);
        double s = (System.nanoTime() - t0) / 1e9;
        long syncs = ns.journalSyncs() - syncs0;
        int files = clients * perClient;
        System.out.printf(Locale.ROOT, "%-20s %7.0f creates/s  %7.0f fsyncs/s  %.2f fsyncs per create (%d files, %.1f s)%n",
                name, files / s, syncs / s, (double) syncs / files, files, s);
    }

    private static void runClients(String addr, int clients, int perClient, String dir) throws Exception {
        List<Thread> threads = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        for (int c = 0; c < clients; c++) {
            int id = c;
            Thread t = new Thread(() -> {
                try (DfsClient client = DfsClient.connect(ClientConfig.of(addr))) {
                    for (int i = 0; i < perClient; i++) {
                        client.create(dir + "/c" + id + "/f" + i).close();
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                    e.printStackTrace();
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " clients failed");
        }
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }
}
