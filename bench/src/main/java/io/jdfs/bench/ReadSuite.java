package io.jdfs.bench;

import io.jdfs.common.Sizes;
import io.jdfs.protocol.FileStatus;

/** One client reads the write suite's file back; beside it, one loopback TCP stream in this JVM. */
final class ReadSuite implements Suite {
    @Override
    public String name() {
        return "read";
    }

    @Override
    public void run(Context ctx) throws Exception {
        long size = ctx.options.size();
        String path = ctx.path(WriteSuite.FILE);
        byte[] buf = ctx.buffer();
        FileStatus st = ctx.client.statOrNull(path);
        if (st == null || st.length() != size) {
            ctx.progress.step(name(), 0, ctx.repeat(), "writing the file to read (" + Sizes.human(size) + ")");
            Context.write(ctx.client, path, size, buf);
        }
        Figure f = ctx.figure(name(), "read " + Sizes.human(size) + ", 1 client", "MiB/s", true, LocalLimits.LOOPBACK);
        Figure cpu = ctx.figure(name(), "read CPU (client and cluster)", "s/GiB", false, LocalLimits.LOOPBACK + ", CPU");
        for (int r = 0; r < ctx.repeat(); r++) {
            ctx.progress.step(name(), r, ctx.repeat(), "local limit: " + LocalLimits.LOOPBACK);
            long c0 = Context.cpuNanos();
            f.addLimit(LocalLimits.loopbackTcp(size, buf));
            cpu.addLimit(Context.cpuPerGib(c0, size));
            ctx.progress.step(name(), r, ctx.repeat(), "JDFS: reading " + Sizes.human(size));
            long t0 = System.nanoTime();
            long c1 = Context.cpuNanos();
            Context.read(ctx.client, path, size);
            f.add(Context.mib(size) / Context.seconds(t0));
            cpu.add(Context.cpuPerGib(c1, size));
        }
        ctx.client.delete(path, false);
    }
}
