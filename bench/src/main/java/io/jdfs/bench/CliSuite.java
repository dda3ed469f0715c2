package io.jdfs.bench;

import io.jdfs.client.CreateOptions;
import io.jdfs.common.Sizes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command line as a user runs it: {@code dfs client upload} and {@code download} of a local file,
 * each a new process of the real launcher, timed from start to exit (JVM start included). Beside each, the
 * client library in this process, warm, copying the same local file the same way, as its limit; the two
 * sides take turns going first. Also the CPU each copy costs (the dfs process and the cluster, against
 * the library and the cluster: the machine's other load blurs it less than time), and a 64 KiB upload
 * start to exit: what a command costs beyond its bytes.
 */
final class CliSuite implements Suite {
    static final String API_UPLOAD = "client library, local file in";
    static final String API_DOWNLOAD = "client library, local file out";
    private static final long PROCESS_TIMEOUT_SECONDS = 600;
    /** The small file whose upload shows what a command costs beyond its bytes (JVM start, connecting). */
    static final long SMALL = 64 << 10;

    private static final String NAME = "cli";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(Context ctx) throws Exception {
        List<String> launcher = Launcher.command();
        if (launcher == null) {
            ctx.report.skip(name(), "needs the launcher jar (run dfs bench from launcher/target/jdfs.jar)");
            return;
        }
        long size = ctx.options.size();
        Path local = ctx.scratch.resolve("cli-source.bin");
        Path back = ctx.scratch.resolve("cli-back.bin");
        Path small = ctx.scratch.resolve("cli-small.bin");
        String dir = ctx.path("cli");
        ctx.client.mkdirs(dir);
        Figure up = ctx.figure(name(), "dfs client upload " + Sizes.human(size), "MiB/s", true, API_UPLOAD);
        Figure down = ctx.figure(name(), "dfs client download " + Sizes.human(size), "MiB/s", true, API_DOWNLOAD);
        Figure start = ctx.figure(name(), "dfs client upload " + Sizes.human(SMALL) + ", start to exit", "ms", false,
                "client library, same upload");
        boolean cpu = childCpuNanos() >= 0;
        Figure upCpu = cpu ? ctx.figure(name(), "upload CPU (dfs process and cluster)", "s/GiB", false, API_UPLOAD + ", CPU") : null;
        Figure downCpu = cpu ? ctx.figure(name(), "download CPU (dfs process and cluster)", "s/GiB", false, API_DOWNLOAD + ", CPU") : null;
        try {
            writeLocal(local, size, ctx.buffer());
            writeLocal(small, SMALL, ctx.buffer());
            warmUp(ctx, launcher, local, small, back, dir);
            for (int r = 0; r < ctx.repeat(); r++) {
                // the two sides take turns going first: neither always finds the cluster busier (replicas of
                // the file the last round overwrote being deleted, its own JIT still compiling)
                for (int side = 0; side < 2; side++) {
                    if ((side + r) % 2 == 0) {
                        ctx.progress.step(name(), r, ctx.repeat(), "client library: " + Sizes.human(size) + " up and down");
                        Context.deleteIfPresent(ctx.client, dir + "/api.bin");
                        long t0 = System.nanoTime();
                        long c0 = allCpuNanos();
                        upload(ctx, local, dir + "/api.bin");
                        up.addLimit(Context.mib(size) / Context.seconds(t0));
                        addCpu(upCpu, true, c0, size);
                        t0 = System.nanoTime();
                        c0 = allCpuNanos();
                        download(ctx, dir + "/api.bin", back);
                        down.addLimit(Context.mib(size) / Context.seconds(t0));
                        addCpu(downCpu, true, c0, size);
                    } else {
                        ctx.progress.step(name(), r, ctx.repeat(), "dfs client (new processes): " + Sizes.human(size) + " up and down");
                        Context.deleteIfPresent(ctx.client, dir + "/cli.bin");
                        long t0 = System.nanoTime();
                        long c0 = allCpuNanos();
                        Launcher.run(ctx, launcher, List.of("client", "upload", "--force", local.toString(), dir + "/cli.bin"));
                        up.add(Context.mib(size) / Context.seconds(t0));
                        addCpu(upCpu, false, c0, size);
                        t0 = System.nanoTime();
                        c0 = allCpuNanos();
                        Launcher.run(ctx, launcher, List.of("client", "download", "--force", dir + "/cli.bin", back.toString()));
                        down.add(Context.mib(size) / Context.seconds(t0));
                        addCpu(downCpu, false, c0, size);
                    }
                    settle(back, size);
                }

                ctx.progress.step(name(), r, ctx.repeat(), "start-up: " + Sizes.human(SMALL) + " up, library and dfs client");
                long t0 = System.nanoTime();
                upload(ctx, small, dir + "/api-small.bin");
                start.addLimit((System.nanoTime() - t0) / 1e6);
                t0 = System.nanoTime();
                Launcher.run(ctx, launcher, List.of("client", "upload", "--force", small.toString(), dir + "/cli-small.bin"));
                start.add((System.nanoTime() - t0) / 1e6);
            }
        } finally {
            Files.deleteIfExists(small);
            Files.deleteIfExists(local);
            Files.deleteIfExists(back);
            ctx.client.delete(dir, true);
        }
    }

    /**
     * Not counted: one small upload and download through the launcher (the first client command after a
     * build writes bin/dfs's class-data archive of the jar: about 1 s of CPU at exit, and that command
     * starts without one; every later command, as a user runs them, starts from the archive), and one
     * library upload and download of the full size: the library's and the cluster's code reach the JIT's
     * top tier only after a few GiB, and a program that uses the library for a living is warm. Without it
     * the first round's library figure was the cold one (measured: 150 MiB/s against 370 warm, and 6.6 s
     * of CPU per GiB against 3.5), which flattered the command line. Then one full-size cli.bin, so
     * that the first timed command's upload too replaces a copy just deleted.
     */
    private static void warmUp(Context ctx, List<String> launcher, Path local, Path small, Path back, String dir)
            throws Exception {
        ctx.progress.step(NAME, 0, ctx.repeat(), "warm-up (not counted): first client command after the build,"
                + " one library upload and download");
        Launcher.run(ctx, launcher, List.of("client", "upload", "--force", small.toString(), dir + "/warm-up.bin"));
        Launcher.run(ctx, launcher, List.of("client", "download", "--force", dir + "/warm-up.bin", back.toString()));
        upload(ctx, small, dir + "/warm-up.bin"); // the library's first small upload loads its classes
        upload(ctx, local, dir + "/api.bin");
        download(ctx, dir + "/api.bin", back);
        // both timed uploads then start right after their file's previous copy is deleted (see
        // Context.deleteIfPresent): without a first cli.bin, the first command's upload had no freed page
        // cache to write into and cost the data servers twice the CPU (measured: 8.4 s against 3.9)
        upload(ctx, local, dir + "/cli.bin");
        settle(back, Files.size(local));
    }

    /**
     * Checks a downloaded file's length, then writes it to disk before the next timed copy (not counted):
     * otherwise the kernel writes it back while the next copy runs, whichever side that is.
     */
    private static void settle(Path back, long size) throws IOException {
        check(back, size);
        try (FileChannel ch = FileChannel.open(back, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private static void addCpu(Figure f, boolean limit, long startNanos, long bytes) {
        if (f != null) {
            double perGib = (allCpuNanos() - startNanos) / 1e9 / (bytes / 1073741824.0);
            if (limit) {
                f.addLimit(perGib);
            } else {
                f.add(perGib);
            }
        }
    }

    /** CPU of this process (the cluster, the library) and of its ended children (the dfs processes). */
    private static long allCpuNanos() {
        return Context.cpuNanos() + Math.max(0, childCpuNanos());
    }

    /**
     * CPU time of this process's children that have ended and been waited for, with theirs (Linux:
     * cutime and cstime in /proc/self/stat, in ticks of 1/100 s); -1 where that is not known.
     */
    static long childCpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 10_000_000L; // fields 16 and 17
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Writes the local file to upload, on disk before anything is timed (its pages stay cached). */
    private static void writeLocal(Path file, long size, byte[] buf) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            for (long done = 0; done < size; done += buf.length) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, size - done));
                while (b.hasRemaining()) {
                    out.write(b);
                }
            }
            out.force(true);
        }
    }

    /** What upload does, in this process: the local file in 1 MiB reads into a new remote file. */
    private static void upload(Context ctx, Path local, String remote) throws IOException {
        byte[] buf = new byte[Context.BUF];
        try (InputStream in = Files.newInputStream(local);
             OutputStream out = ctx.client.create(remote, CreateOptions.overwriting())) {
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
            }
        }
    }

    /** What download does, in this process: the remote file in 1 MiB reads into a new local file. */
    private static void download(Context ctx, String remote, Path local) throws IOException {
        byte[] buf = new byte[Context.BUF];
        try (InputStream in = ctx.client.open(remote);
             OutputStream out = Files.newOutputStream(local, StandardOpenOption.CREATE,
                     StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
            }
        }
    }

    private static void check(Path file, long size) throws IOException {
        long got = Files.size(file);
        if (got != size) {
            throw new IOException(file + " has " + got + " bytes after a download, expected " + size);
        }
    }

    /** The launcher this process was started from, run as a separate process. */
    static final class Launcher {
        private Launcher() {
        }

        /**
         * The command in {@code JDFS_BENCH_LAUNCHER} (words split at spaces) when set; else {@code bin/dfs}
         * beside the launcher jar this process runs from, else {@code java -jar} of that jar with this JVM's
         * java; null when not running from a jar.
         */
        static List<String> command() {
            String given = System.getenv("JDFS_BENCH_LAUNCHER");
            if (given != null && !given.isBlank()) {
                return List.of(given.trim().split("\\s+")); // another build or an installed dfs, to compare
            }
            try {
                var src = CliSuite.class.getProtectionDomain().getCodeSource();
                if (src == null) {
                    return null;
                }
                Path jar = Path.of(src.getLocation().toURI());
                if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
                    return null;
                }
                // the launcher script beside the jar (bin/dfs), with the JVM flags it gives client commands
                Path root = jar.toAbsolutePath();
                for (int up = 0; up < 3 && root != null; up++) {
                    root = root.getParent();
                }
                Path script = root == null ? null : root.resolve("bin").resolve("dfs");
                if (script != null && Files.isExecutable(script)) {
                    return List.of(script.toString());
                }
                String java = ProcessHandle.current().info().command()
                        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                List<String> cmd = new ArrayList<>();
                cmd.add(java);
                cmd.add("-jar");
                cmd.add(jar.toString());
                return cmd;
            } catch (Exception e) {
                return null;
            }
        }

        static void run(Context ctx, List<String> launcher, List<String> args) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>(launcher);
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("JDFS_NAMESERVER", ctx.config.nameServer().host() + ":" + ctx.config.nameServer().port());
            if (ctx.config.secret() != null) {
                pb.environment().put("JDFS_SECRET", ctx.config.secret());
            } else {
                pb.environment().remove("JDFS_SECRET");
            }
            Process p = pb.start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("dfs " + String.join(" ", args) + " did not end in " + PROCESS_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("dfs " + String.join(" ", args) + " exited with " + p.exitValue() + ": "
                        + new String(output, StandardCharsets.UTF_8).strip());
            }
        }
    }
}
