package io.jdfs.bench;

import io.jdfs.client.DfsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Metadata-heavy work: creating 4 KiB files with 1 and 8 clients, stat and list of a large directory,
 * deleting files one by one and many at once (pipelined, as the shell's rm); each beside the same operations on the local file system (no fsync).
 * Two more figures give the disk's floor for durable small files: local creates with their fsyncs,
 * and how many flushes the disk does one after another (a durable JDFS file waits for three).
 */
final class SmallFilesSuite implements Suite {
    static final int FILE_BYTES = 4096;
    static final int MANY = 8;
    private static final String LOCAL = "local file system, same operations";

    @Override
    public String name() {
        return "small";
    }

    @Override
    public void run(Context ctx) throws Exception {
        int count = ctx.options.smallFiles();
        int entries = ctx.options.dirEntries();
        byte[] content = new byte[FILE_BYTES];
        System.arraycopy(ctx.buffer(), 0, content, 0, FILE_BYTES);
        Figure c1 = ctx.figure(name(), fmt("create %,d x 4 KiB, 1 client", count), "files/s", true, LOCAL);
        Figure c8 = ctx.figure(name(), fmt("create %,d x 4 KiB, %d clients", count, MANY), "files/s", true, LOCAL);
        Figure s1 = ctx.figure(name(), fmt("stat %,d, 1 client", entries), "ops/s", true, LOCAL);
        Figure s8 = ctx.figure(name(), fmt("stat %,d, %d clients", entries, MANY), "ops/s", true, LOCAL);
        Figure ls = ctx.figure(name(), fmt("list a %,d-entry directory", entries), "ms", false, LOCAL);
        Figure del = ctx.figure(name(), fmt("delete %,d, 1 client", count), "files/s", true, LOCAL);
        Figure delMany = ctx.figure(name(), fmt("delete %,d, 1 client, pipelined (as the shell's rm of many files)", count),
                "files/s", true, LOCAL);
        Figure durable = ctx.figure(name(), fmt("local fs: create %,d x 4 KiB durably (fsync file and directory), 1 thread",
                count), "files/s", true, null);
        Figure flushes = ctx.figure(name(), "local disk: 4 KiB append + fdatasync, one after another",
                "flushes/s", true, null);
        List<DfsClient> clients = ctx.connect(MANY);
        Path local = Files.createDirectories(ctx.scratch.resolve("small"));
        try {
            ctx.progress.step(name(), 0, ctx.repeat(), fmt("filling a %,d-entry directory", entries));
            String dir = ctx.path("small/dir");
            ctx.client.mkdirs(dir);
            Parallel.timed(MANY, t -> create(clients.get(t), dir, Parallel.slice(entries, MANY, t), new byte[0]));
            LocalLimits.createFiles(local.resolve("dir"), entries, MANY, new byte[0]);
            for (int r = 0; r < ctx.repeat(); r++) {
                String one = ctx.path("small/r" + r + "/one");
                String eight = ctx.path("small/r" + r + "/eight");
                ctx.client.mkdirs(one);
                ctx.client.mkdirs(eight);
                step(ctx, r, "creating 4 KiB files, 1 client");
                c1.addLimit(LocalLimits.createFiles(local.resolve("r" + r + "-one"), count, 1, content));
                c1.add(count / Parallel.timed(1, t -> create(ctx.client, one, new int[]{0, count}, content)));
                step(ctx, r, "creating 4 KiB files, " + MANY + " clients");
                c8.addLimit(LocalLimits.createFiles(local.resolve("r" + r + "-eight"), count, MANY, content));
                c8.add(count / Parallel.timed(MANY,
                        t -> create(clients.get(t), eight, Parallel.slice(count, MANY, t), content)));
                step(ctx, r, "stat, 1 client");
                s1.addLimit(LocalLimits.stat(local.resolve("dir"), entries, 1));
                s1.add(entries / Parallel.timed(1, t -> stat(ctx.client, dir, new int[]{0, entries})));
                step(ctx, r, "stat, " + MANY + " clients");
                s8.addLimit(LocalLimits.stat(local.resolve("dir"), entries, MANY));
                s8.add(entries / Parallel.timed(MANY, t -> stat(clients.get(t), dir, Parallel.slice(entries, MANY, t))));
                step(ctx, r, "list");
                ls.addLimit(LocalLimits.list(local.resolve("dir"), entries));
                ls.add(list(ctx.client, dir, entries));
                step(ctx, r, "delete, 1 client");
                del.addLimit(LocalLimits.delete(local.resolve("r" + r + "-one"), count));
                del.add(count / Parallel.timed(1, t -> {
                    for (int i = 0; i < count; i++) {
                        ctx.client.delete(one + "/f" + i, false);
                    }
                }));
                step(ctx, r, "delete, 1 client, pipelined");
                delMany.addLimit(LocalLimits.delete(local.resolve("r" + r + "-eight"), count));
                delMany.add(count / Parallel.timed(1, t -> deleteAll(ctx.client, eight, count)));
                ctx.client.delete(ctx.path("small/r" + r), true);
                step(ctx, r, "the disk's floor: durable local creates and serial flushes");
                durable.add(LocalLimits.durableCreates(local.resolve("r" + r + "-durable"), count, content));
                flushes.add(LocalLimits.serialFlushes(local, count));
            }
        } finally {
            Context.closeAll(clients);
            deleteTree(local);
        }
        ctx.client.delete(ctx.path("small"), true);
    }

    private static void step(Context ctx, int r, String what) {
        ctx.progress.step("small", r, ctx.repeat(), what);
    }

    private static void create(DfsClient client, String dir, int[] range, byte[] content) throws IOException {
        for (int i = range[0]; i < range[1]; i++) {
            try (var out = client.create(dir + "/f" + i)) {
                out.write(content);
            }
        }
    }

    /** The files f0..f{count-1} of a directory in one {@link DfsClient#deleteAll}; each must have been deleted. */
    private static void deleteAll(DfsClient client, String dir, int count) throws IOException {
        List<String> paths = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            paths.add(dir + "/f" + i);
        }
        for (var r : client.deleteAll(paths, false)) {
            if (r.error() != null) {
                throw r.error();
            }
            if (!r.deleted()) {
                throw new IOException(r.path() + " was not there to delete");
            }
        }
    }

    private static void stat(DfsClient client, String dir, int[] range) throws IOException {
        for (int i = range[0]; i < range[1]; i++) {
            client.stat(dir + "/f" + i);
        }
    }

    private static double list(DfsClient client, String dir, int expected) throws IOException {
        long t0 = System.nanoTime();
        int n = 0;
        for (Iterator<?> it = client.listIterator(dir); it.hasNext(); it.next()) {
            n++;
        }
        double ms = Context.seconds(t0) * 1000;
        if (n != expected) {
            throw new IOException("listed " + n + " entries of " + dir + ", expected " + expected);
        }
        return ms;
    }

    /** Deletes a tree; files that vanish meanwhile (a data server still deleting blocks) are fine. */
    static void deleteTree(Path dir) throws IOException {
        for (int attempt = 0; Files.exists(dir); attempt++) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | UncheckedIOException e) {
                if (attempt >= 20) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
