package io.jdfs.bench;

import io.jdfs.client.DfsClient;
import io.jdfs.common.Sizes;

import java.util.List;

/**
 * N clients, each with its own connection, write N files at once and then read them at once: aggregate
 * MiB/s beside the one-stream limits (local fsync write, loopback TCP) measured in the same repetition.
 */
final class ParallelSuite implements Suite {
    @Override
    public String name() {
        return "parallel";
    }

    @Override
    public void run(Context ctx) throws Exception {
        int n = ctx.options.clients();
        long each = Math.max(1 << 20, ctx.options.size() / n);
        long total = each * n;
        String what = n + " clients x " + Sizes.human(each);
        Figure w = ctx.figure(name(), "write " + what, "MiB/s", true, LocalLimits.FSYNC_WRITE);
        Figure rd = ctx.figure(name(), "read " + what, "MiB/s", true, LocalLimits.LOOPBACK);
        byte[] buf = ctx.buffer();
        byte[][] bufs = new byte[n][];
        for (int i = 0; i < n; i++) {
            bufs[i] = ctx.buffer();
            bufs[i][2] = (byte) i;
        }
        List<DfsClient> clients = ctx.connect(n);
        try {
            for (int r = 0; r < ctx.repeat(); r++) {
                ctx.progress.step(name(), r, ctx.repeat(), "local limit: " + LocalLimits.FSYNC_WRITE);
                w.addLimit(LocalLimits.fsyncWrite(ctx.scratch, total, BenchOptions.BLOCK_SIZE, buf));
                ctx.progress.step(name(), r, ctx.repeat(), "JDFS: " + n + " clients writing " + Sizes.human(total));
                w.add(Context.mib(total) / Parallel.timed(n,
                        i -> Context.write(clients.get(i), ctx.path("parallel/f" + i), each, bufs[i])));
                ctx.progress.step(name(), r, ctx.repeat(), "local limit: " + LocalLimits.LOOPBACK);
                rd.addLimit(LocalLimits.loopbackTcp(total, buf));
                ctx.progress.step(name(), r, ctx.repeat(), "JDFS: " + n + " clients reading " + Sizes.human(total));
                rd.add(Context.mib(total) / Parallel.timed(n,
                        i -> Context.read(clients.get(i), ctx.path("parallel/f" + i), each)));
            }
        } finally {
            Context.closeAll(clients);
        }
        ctx.client.delete(ctx.path("parallel"), true);
    }
}
