package io.jdfs.bench;

import io.jdfs.common.Sizes;
import io.jdfs.fuse.FuseGateway;
import io.jdfs.fuse.MountOptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * The mount against the client API in the same run: a sequential write and read of the bench size
 * through a FUSE mount served by this process, creates of small files, {@code ls -l} of a large
 * directory and an untar of a generated source-like tree of as many files as the small suite's (against the same untar on local disk).
 * Needs /dev/fuse and root (or fusermount rights); skipped otherwise.
 */
final class FuseSuite implements Suite {
    @Override
    public String name() {
        return "fuse";
    }

    static String unavailable() {
        if (!Files.exists(Path.of("/dev/fuse"))) {
            return "no /dev/fuse on this machine";
        }
        if (!Files.exists(Path.of("/usr/bin/fusermount")) && !Files.exists(Path.of("/bin/fusermount"))) {
            return "fusermount is not installed (Debian: fuse3)";
        }
        return null;
    }

    @Override
    public void run(Context ctx) throws Exception {
        String why = unavailable();
        if (why != null) {
            ctx.report.skip(name(), why);
            return;
        }
        long size = ctx.options.size();
        byte[] buf = ctx.buffer();
        String dir = ctx.path("fuse");
        ctx.client.mkdirs(dir);
        Path mnt = Files.createDirectories(ctx.scratch.resolve("mnt"));
        Figure write = ctx.figure(name(), "write " + Sizes.human(size) + " through the mount", "MiB/s", true,
                WebDavSuite.API_WRITE);
        Figure read = ctx.figure(name(), "read " + Sizes.human(size) + " through the mount", "MiB/s", true,
                WebDavSuite.API_READ);
        Figure reread = ctx.figure(name(), "re-read " + Sizes.human(size) + " through the mount (keep_cache)", "MiB/s",
                true, WebDavSuite.API_READ);
        Figure creates = ctx.figure(name(), "create " + ctx.options.smallFiles() + " x 4 KiB through the mount",
                "files/s", true, "client API creates, same files");
        Figure ls = ctx.figure(name(), "ls -l of " + ctx.options.dirEntries() + " entries", "s", false, null);
        int treeFiles = ctx.options.smallFiles();
        Figure untar = ctx.figure(name(), "untar " + treeFiles + " files into the mount", "files/s", true,
                "untar to local disk + sync");
        Path tarball = SourceTree.tarball(ctx.scratch, treeFiles);
        try (FuseGateway g = FuseGateway.mount(ctx.client, mnt, MountOptions.defaults().withRoot(dir))) {
            for (int r = 0; r < ctx.repeat(); r++) {
                ctx.progress.step(name(), r, ctx.repeat(), "client API: writing and reading " + Sizes.human(size));
                long t0 = System.nanoTime();
                Context.write(ctx.client, dir + "/api.bin", size, buf);
                write.addLimit(Context.mib(size) / Context.seconds(t0));
                t0 = System.nanoTime();
                Context.read(ctx.client, dir + "/api.bin", size);
                double apiRead = Context.mib(size) / Context.seconds(t0);
                read.addLimit(apiRead);
                ctx.client.delete(dir + "/api.bin", false);

                ctx.progress.step(name(), r, ctx.repeat(), "mount: writing and reading " + Sizes.human(size));
                Path file = mnt.resolve("mount.bin");
                t0 = System.nanoTime();
                writeFile(file, size, buf);
                write.add(Context.mib(size) / Context.seconds(t0));
                t0 = System.nanoTime();
                readFile(file, buf);
                read.add(Context.mib(size) / Context.seconds(t0));
                reread.addLimit(apiRead);
                t0 = System.nanoTime();
                readFile(file, buf); // unchanged since the last open: served from the kernel's page cache
                reread.add(Context.mib(size) / Context.seconds(t0));
                Files.delete(file);

                ctx.progress.step(name(), r, ctx.repeat(), "small files through the API and the mount");
                creates.addLimit(apiCreates(ctx, dir + "/api-small", buf));
                creates.add(mountCreates(mnt.resolve("small"), ctx.options.smallFiles(), buf));
                ctx.client.delete(dir + "/api-small", true);
                ctx.client.delete(dir + "/small", true);

                ctx.progress.step(name(), r, ctx.repeat(), "untar of " + treeFiles + " files");
                untar.addLimit(untar(tarball, treeFiles, Files.createDirectories(ctx.scratch.resolve("untar-local" + r)), true));
                untar.add(untar(tarball, treeFiles, Files.createDirectories(mnt.resolve("untar" + r)), false));
                ctx.client.delete(dir + "/untar" + r, true);
            }
            String big = dir + "/entries";
            ctx.progress.step(name(), 0, 1, "creating " + ctx.options.dirEntries() + " empty files for ls -l");
            for (int i = 0; i < ctx.options.dirEntries(); i++) {
                ctx.client.create(big + "/f" + i).close();
            }
            for (int r = 0; r < ctx.repeat(); r++) {
                long t0 = System.nanoTime();
                sh("ls -l " + mnt.resolve("entries") + " > /dev/null");
                ls.add(Context.seconds(t0));
            }
        } finally {
            ctx.client.delete(dir, true);
        }
    }

    private static void writeFile(Path file, long size, byte[] buf) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long done = 0; done < size; done += buf.length) {
                ByteBuffer b = ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, size - done));
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
        }
    }

    private static void readFile(Path file, byte[] buf) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            while (in.read(buf) > 0) {
                // drain
            }
        }
    }

    private static double apiCreates(Context ctx, String dir, byte[] buf) throws IOException {
        int n = ctx.options.smallFiles();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (var out = ctx.client.create(dir + "/f" + i)) {
                out.write(buf, 0, 4096);
            }
        }
        return n / Context.seconds(t0);
    }

    private static double mountCreates(Path dir, int n, byte[] buf) throws IOException {
        Files.createDirectories(dir);
        byte[] small = java.util.Arrays.copyOf(buf, 4096);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Files.write(dir.resolve("f" + i), small);
        }
        return n / Context.seconds(t0);
    }

    /** Files per second extracting the tarball into {@code into} (with a sync when on local disk). */
    private static double untar(Path tarball, int files, Path into, boolean sync) throws Exception {
        long t0 = System.nanoTime();
        sh("tar -xf " + tarball + " -C " + into + (sync ? " && sync -f " + into : ""));
        return files / Context.seconds(t0);
    }

    static void sh(String command) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("'" + command + "' failed: " + out.strip());
        }
    }
}
