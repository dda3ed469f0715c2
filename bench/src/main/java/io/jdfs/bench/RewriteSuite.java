package io.jdfs.bench;

import io.jdfs.client.DfsFile;
import io.jdfs.client.OpenFlag;
import io.jdfs.common.Sizes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Random;

/**
 * Changes to a large existing file: 4 KiB written in the middle then closed (copy-on-write of one
 * block), and 4 KiB appended then closed, each against the same change to a local file with an fsync.
 */
final class RewriteSuite implements Suite {
    static final String LOCAL_PWRITE = "local file, 4 KiB pwrite + fsync";
    private static final int SAMPLES = 10;
    private static final int CHANGE = 4096;

    @Override
    public String name() {
        return "rewrite";
    }

    @Override
    public void run(Context ctx) throws Exception {
        long size = ctx.options.size();
        String file = ctx.path("rewrite");
        ctx.progress.step(name(), 0, 1, "writing a file of " + Sizes.human(size));
        Context.write(ctx.client, file, size, ctx.buffer());
        Figure middle = ctx.figure(name(), "4 KiB write in the middle of " + Sizes.human(size) + " + close", "ms",
                false, LOCAL_PWRITE);
        Figure append = ctx.figure(name(), "4 KiB append to " + Sizes.human(size) + " + close", "ms", false,
                LOCAL_PWRITE);
        byte[] change = new byte[CHANGE];
        Random rnd = new Random(1);
        Path local = Files.createTempFile(ctx.scratch, "rewrite", ".bin");
        try {
            for (int r = 0; r < ctx.repeat(); r++) {
                ctx.progress.step(name(), r, ctx.repeat(), "in-place writes and appends");
                for (int i = 0; i < SAMPLES; i++) {
                    rnd.nextBytes(change);
                    long at = (size / 2 / CHANGE) * CHANGE + (long) i * CHANGE;
                    middle.add(timed(ctx, file, EnumSet.of(OpenFlag.WRITE), at, change));
                    append.add(timed(ctx, file, EnumSet.of(OpenFlag.APPEND), 0, change));
                    middle.addLimit(localPwrite(local, at, change));
                    append.addLimit(localPwrite(local, -1, change));
                }
            }
        } finally {
            Files.deleteIfExists(local);
            ctx.client.delete(file, false);
        }
    }

    /** Milliseconds to open, write 4 KiB and close (the close commits: durable and visible). */
    private static double timed(Context ctx, String file, EnumSet<OpenFlag> flags, long at, byte[] change)
            throws IOException {
        long t0 = System.nanoTime();
        try (DfsFile f = ctx.client.openFile(file, flags, 0)) {
            f.pwrite(at, change, 0, change.length);
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    /** The local limit: the same 4 KiB at {@code at} (or appended, when negative) and an fsync. */
    private static double localPwrite(Path local, long at, byte[] change) throws IOException {
        long t0 = System.nanoTime();
        try (FileChannel ch = FileChannel.open(local, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(change);
            long pos = at < 0 ? ch.size() : at;
            while (b.hasRemaining()) {
                pos += ch.write(b, pos);
            }
            ch.force(false);
        }
        return (System.nanoTime() - t0) / 1e6;
    }
}
