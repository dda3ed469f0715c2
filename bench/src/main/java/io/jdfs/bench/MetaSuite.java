package io.jdfs.bench;

import io.jdfs.client.DfsClient;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.Locale;

/**
 * Name-server heap per file: used heap after full GCs before and after creating many empty files with
 * 8 clients. With {@code --local} the name server lives in this JVM, so this JVM's heap is its heap; the
 * data servers keep no state for empty files and the clients are connected before the first reading.
 * One sample per run (the figure hardly varies): it needs many files.
 */
final class MetaSuite implements Suite {
    private static final int CLIENTS = 8;

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
        Figure heap = ctx.figure(name(), String.format(Locale.ROOT, "name-server heap per file (%,d empty files)", files),
                "B/file", false, null);
        Figure creates = ctx.figure(name(), String.format(Locale.ROOT, "create %,d empty files, %d clients", files,
                CLIENTS), "files/s", true, null);
        String dir = ctx.path("meta");
        List<DfsClient> clients = ctx.connect(CLIENTS);
        try {
            for (int c = 0; c < CLIENTS; c++) {
                clients.get(c).mkdirs(dir + "/c" + c);
            }
            ctx.progress.step(name(), 0, 1, "GC before");
            long before = usedHeapAfterGc();
            ctx.progress.step(name(), 0, 1, String.format(Locale.ROOT, "creating %,d empty files", files));
            double s = Parallel.timed(CLIENTS, t -> {
                int[] r = Parallel.slice(files, CLIENTS, t);
                DfsClient client = clients.get(t);
                for (int i = r[0]; i < r[1]; i++) {
                    client.create(dir + "/c" + t + "/f" + i).close();
                }
            });
            ctx.progress.step(name(), 0, 1, "GC after");
            long after = usedHeapAfterGc();
            heap.add((after - before) / (double) files);
            creates.add(files / s);
        } finally {
            Context.closeAll(clients);
        }
        ctx.progress.step(name(), 0, 1, "deleting the files");
        ctx.client.delete(dir, true);
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
