package io.jdfs.bench;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.DfsClient;
import io.jdfs.name.NameServer;
import io.jdfs.name.NameServerConfig;
import io.jdfs.name.journal.Segments;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The name server at scale ({@code --files N}): creates/s of empty files with 32 clients (group commit),
 * heap per file, the time to write a checkpoint, and the time to restart: from a fresh checkpoint, and
 * from a checkpoint plus a journal tail to replay (as a crash leaves it).
 * <p>
 * Heap: used heap after full GCs ({@link MemoryMXBean}) before and after the creates, divided by files.
 * With {@code --local} the name server lives in this JVM; the data servers keep no state for empty files
 * and the clients are connected before the first reading, so the difference is the name server's.
 * One sample per run (the figures hardly vary; they need many files).
 */
final class MetaSuite implements Suite {
    private static final int CLIENTS = 32;
    /** Files created after the checkpoint for the replay figure: each is 2 transactions, below the checkpoint rule. */
    private static final int MAX_TAIL_FILES = 40_000;
    /** Below this, a few KiB of other garbage or class loading move "heap per file" by more than it is. */
    private static final int MIN_FILES_FOR_HEAP = 10_000;

    @Override
    public String name() {
        return "meta";
    }

    @Override
    public boolean needsLocalCluster() {
        return true;
    }

    @Override
    public void run(Context ctx) throws Exception {
        int files = ctx.options.metaFiles();
        int tail = Math.max(1, Math.min(files / 10, MAX_TAIL_FILES));
        String n = String.format(Locale.ROOT, "%,d", files);
        Figure creates = ctx.figure(name(), "create " + n + " empty files, " + CLIENTS + " clients", "files/s", true, null);
        boolean weighHeap = files >= MIN_FILES_FOR_HEAP;
        if (!weighHeap) {
            ctx.progress.note(String.format(Locale.ROOT, "meta: heap per file needs at least %,d files to rise above "
                    + "the GC's noise; not reported for %s", MIN_FILES_FOR_HEAP, n));
        }
        Figure heap = weighHeap ? ctx.figure(name(), "name-server heap per file (" + n + " empty files)", "B/file", false,
                null) : null;
        Figure ckpt = ctx.figure(name(), "checkpoint write (" + n + " files)", "ms", false, null);
        Figure ckptSize = ctx.figure(name(), "checkpoint size per file", "B/file", false, null);
        Figure restart = ctx.figure(name(), "name-server restart, fresh checkpoint (" + n + " files)", "ms", false, null);
        Figure restartOwn = ctx.figure(name(), "  of which start-up (its own timer: load, open, bind)", "ms", false, null);
        Figure restartCpu = ctx.figure(name(), "  CPU of the thread that started it (load; the machine's other load aside)",
                "ms", false, null);
        Figure loadedHeap = weighHeap ? ctx.figure(name(), "name-server heap per file after that restart", "B/file",
                false, null) : null;
        Figure replay = ctx.figure(name(), String.format(Locale.ROOT, "name-server restart, checkpoint + journal of %,d "
                + "creates (crash copy)", tail), "ms", false, null);
        String dir = ctx.path("meta");
        List<DfsClient> clients = ctx.connect(CLIENTS);
        long before;
        try {
            for (int c = 0; c < CLIENTS; c++) {
                clients.get(c).mkdirs(dir + "/c" + c);
            }
            ctx.progress.step(name(), 0, 1, "GC before");
            before = usedHeapAfterGc();
            ctx.progress.step(name(), 0, 1, "creating " + n + " empty files");
            double s = createAll(clients, dir, "f", files);
            ctx.progress.step(name(), 0, 1, "GC after");
            long after = usedHeapAfterGc();
            if (weighHeap) {
                heap.add((after - before) / (double) files);
            }
            creates.add(files / s);
        } finally {
            Context.closeAll(clients);
        }

        NameServer ns = ctx.cluster.nameServer();
        Path meta = ns.config().metaDir();
        ctx.progress.step(name(), 0, 1, "checkpoint");
        ctx.client.mkdirs(dir + "/checkpointed"); // a transaction since the last automatic checkpoint
        long t0 = System.nanoTime();
        ns.checkpoint();
        ckpt.add(Context.seconds(t0) * 1000);
        List<Segments.Entry> checkpoints = Segments.checkpoints(meta);
        ckptSize.add(Files.size(checkpoints.get(checkpoints.size() - 1).path()) / (double) files);

        ctx.progress.step(name(), 0, 1, "restarting the name server");
        int port = ns.port();
        ns.close(); // nothing since the checkpoint: the shutdown checkpoint is a no-op
        ns = null;
        t0 = System.nanoTime();
        long cpu0 = threadCpuNanos();
        restartOwn.add(ctx.cluster.restartNameServerOnPort(port).startupMillis());
        restartCpu.add((threadCpuNanos() - cpu0) / 1e6);
        String probe = dir + "/c0/f0";
        awaitServing(ctx.config, probe);
        restart.add(Context.seconds(t0) * 1000);
        if (weighHeap) {
            loadedHeap.add((usedHeapAfterGc() - before) / (double) files); // the closed one is garbage now
        }

        ctx.progress.step(name(), 0, 1, String.format(Locale.ROOT, "creating %,d files after the checkpoint", tail));
        clients = ctx.connect(CLIENTS);
        try {
            createAll(clients, dir, "t", tail);
        } finally {
            Context.closeAll(clients);
        }
        Figure replayOwn = ctx.figure(name(), "  of which start-up (its own timer: load + replay, open, bind)", "ms", false, null);
        Figure replayCpu = ctx.figure(name(), "  CPU of the thread that started it (load + replay)", "ms", false, null);
        crashRestart(ctx, meta, dir + "/c0/t0", replay, replayOwn, replayCpu);

        ctx.progress.step(name(), 0, 1, "deleting the files");
        ctx.client.delete(dir, true);
        awaitDataServers(ctx); // the suites after this one write blocks
    }

    /** Until every data server has registered with the restarted name server again. */
    private static void awaitDataServers(Context ctx) throws Exception {
        int want = ctx.cluster.dataServers().size();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (ctx.client.clusterStatus().liveServers() < want) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the data servers did not register with the restarted name server within 60 s");
            }
            Thread.sleep(50);
        }
    }

    /** Creates {@code files} empty files {@code prefix<i>} spread over the clients' directories; seconds taken. */
    private static double createAll(List<DfsClient> clients, String dir, String prefix, int files) throws Exception {
        return Parallel.timed(clients.size(), t -> {
            int[] r = Parallel.slice(files, clients.size(), t);
            DfsClient client = clients.get(t);
            for (int i = r[0]; i < r[1]; i++) {
                client.create(dir + "/c" + t + "/" + prefix + i).close();
            }
        });
    }

    /**
     * Copies the running name server's metadata directory (checkpoint + journal, as a crash would leave
     * them: acknowledged transactions are on disk) and times a second name server starting on the copy
     * until it answers a stat of {@code probe}, a file only the journal holds.
     */
    private static void crashRestart(Context ctx, Path meta, String probe, Figure total, Figure own, Figure cpu)
            throws Exception {
        Path copy = ctx.scratch.resolve("meta-crash-copy");
        copyDir(meta, copy);
        NameServerConfig cfg = ctx.cluster.nameServer().config().withMetaDir(copy).withAddress("127.0.0.1", 0, -1);
        long t0 = System.nanoTime();
        long cpu0 = threadCpuNanos();
        NameServer second = NameServer.start(cfg);
        cpu.add((threadCpuNanos() - cpu0) / 1e6);
        try {
            awaitServing(ClientConfig.of("127.0.0.1:" + second.port()), probe);
            total.add(Context.seconds(t0) * 1000);
            own.add(second.startupMillis());
        } finally {
            second.close();
            SmallFilesSuite.deleteTree(copy);
        }
    }

    private static void awaitServing(ClientConfig config, String probe) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try (DfsClient c = DfsClient.connect(config)) {
                c.stat(probe);
                return;
            } catch (IOException e) {
                if (attempt > 3000) {
                    throw new IOException("the restarted name server does not serve " + probe + ": " + e.getMessage(), e);
                }
                Thread.sleep(10);
            }
        }
    }

    private static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** CPU time of this thread: the name server loads its metadata on the thread that starts it. */
    private static long threadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
