package io.jdfs.shell.client;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.ops.FileOps;
import io.jdfs.shell.ops.Format;
import io.jdfs.shell.ops.RemotePaths;
import io.jdfs.shell.ops.Transfer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code upload -r} and {@code download -r}: directories are made first, in order, then the files are
 * copied by {@code threads} workers; each file prints its summary line, the tree a total at the end.
 */
final class Trees {
    private Trees() {
    }

    /** What one file copy does. */
    private interface Copy {
        long run() throws IOException;
    }

    private record Job(String from, String to, Copy copy) {
    }

    static void upload(DfsClient c, Path dir, String target, CreateOptions o, Supplier<Transfer> t, int threads,
                       PrintWriter out) throws IOException {
        List<Job> jobs = new ArrayList<>();
        c.mkdirs(target);
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            all = s.sorted().toList();
        }
        for (Path p : all) {
            if (p.equals(dir)) {
                continue;
            }
            String remote = target;
            for (Path part : dir.relativize(p)) {
                remote = RemotePaths.child(remote, part.toString());
            }
            if (Files.isDirectory(p)) {
                c.mkdirs(remote);
            } else {
                String r = remote;
                jobs.add(new Job(p.toString(), r, () -> FileOps.upload(c, p, r, o, t.get())));
            }
        }
        run(jobs, threads, out, "uploaded", dir + " -> " + target);
    }

    static void download(DfsClient c, String dir, Path target, boolean force, Supplier<Transfer> t, int threads,
                         PrintWriter out) throws IOException {
        List<Job> jobs = new ArrayList<>();
        collect(c, dir, target, force, t, jobs);
        run(jobs, threads, out, "downloaded", dir + " -> " + target);
    }

    private static void collect(DfsClient c, String dir, Path target, boolean force, Supplier<Transfer> t,
                                List<Job> jobs) throws IOException {
        Files.createDirectories(target);
        Iterator<FileStatus> it = c.listIterator(dir);
        while (it.hasNext()) {
            FileStatus f = it.next();
            Path local = target.resolve(f.name());
            if (f.isDirectory()) {
                collect(c, f.path(), local, force, t, jobs);
            } else {
                Path to = FileOps.downloadTarget(target, local, f.name(), force);
                jobs.add(new Job(f.path(), to.toString(), () -> FileOps.download(c, f, to, force, t.get())));
            }
        }
    }

    private static void run(List<Job> jobs, int threads, PrintWriter out, String verb, String what)
            throws IOException {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, Math.max(1, jobs.size()))));
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (Job j : jobs) {
                results.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    long n = j.copy().run();
                    synchronized (out) {
                        out.printf("%s %s -> %s: %s%n", verb, j.from(), j.to(), Format.transfer(n, System.nanoTime() - t0));
                    }
                    return n;
                }));
            }
            long bytes = 0;
            IOException failure = null;
            int failed = 0;
            for (Future<Long> f : results) {
                try {
                    bytes += f.get();
                } catch (ExecutionException e) {
                    failed++;
                    if (failure == null) {
                        failure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted");
                }
            }
            out.printf("%s: %d file%s, %s%n", what, jobs.size() - failed, jobs.size() - failed == 1 ? "" : "s",
                    Format.transfer(bytes, System.nanoTime() - start));
            if (failure != null) {
                throw new io.jdfs.shell.ops.OpException(failed + " of " + jobs.size() + " files failed, the first: "
                        + io.jdfs.shell.ops.Failures.describe(failure));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
