package io.jdfs.bench;

import io.jdfs.common.Sizes;

/** One client writes one large file; beside it, the same bytes to a local file with an fsync every 4 MiB. */
final class WriteSuite implements Suite {
    /** The file the read suite reads back. */
    static final String FILE = "big";

    @Override
    public String name() {
        return "write";
    }

    @Override
    public void run(Context ctx) throws Exception {
        long size = ctx.options.size();
        byte[] buf = ctx.buffer();
        Figure f = ctx.figure(name(), "write " + Sizes.human(size) + ", 1 client", "MiB/s", true,
                LocalLimits.FSYNC_WRITE);
        for (int r = 0; r < ctx.repeat(); r++) {
            ctx.progress.step(name(), r, ctx.repeat(), "local limit: " + LocalLimits.FSYNC_WRITE);
            f.addLimit(LocalLimits.fsyncWrite(ctx.scratch, size, BenchOptions.BLOCK_SIZE, buf));
            ctx.progress.step(name(), r, ctx.repeat(), "JDFS: writing " + Sizes.human(size));
            long t0 = System.nanoTime();
            Context.write(ctx.client, ctx.path(FILE), size, buf);
            f.add(Context.mib(size) / Context.seconds(t0));
        }
        if (!ctx.options.suites().contains("read")) {
            ctx.client.delete(ctx.path(FILE), false);
        }
    }
}
