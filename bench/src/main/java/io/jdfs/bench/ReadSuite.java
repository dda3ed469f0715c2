package io.jdfs.bench;

import io.jdfs.client.DfsClient;
import io.jdfs.common.Sizes;
import io.jdfs.protocol.FileStatus;

/**
 * One client reads the write suite's file back; beside it, one loopback TCP stream in this JVM. With a
 * local cluster, also a read while one data server stops answering.
 */
final class ReadSuite implements Suite {
    static final long SILENT_SIZE = 100L << 20;
    /** Bytes read before the timed reads, for the JIT (see {@link #run}). */
    static final long WARM_UP_BYTES = 3L << 30;

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
        // Reads and one loopback pump first, not counted: the read path's per-packet code reaches the
        // JIT's top tier only after a few thousand packets (several GiB), and on 2 cores the compiler
        // threads took a third of the CPU of the first timed reads (perf, issue 15); after one warm-up
        // read the timed ones still went from 1.6 to 1.1 s/GiB, one after the other. A client that reads
        // for a living is warm; the figures below are its steady pace.
        int warmUps = warmUpReads(size);
        ctx.progress.step(name(), 0, ctx.repeat(), "warm-up (not counted): " + warmUps + " reads and one loopback pump");
        for (int i = 0; i < warmUps; i++) {
            Context.read(ctx.client, path, size);
        }
        LocalLimits.loopbackTcp(size, buf);
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
        if (ctx.cluster != null) {
            silentServer(ctx, buf);
        }
    }

    /** Enough untimed reads to move {@link #WARM_UP_BYTES} (at least one, at most eight). */
    static int warmUpReads(long size) {
        return (int) Math.max(1, Math.min(8, WARM_UP_BYTES / Math.max(1, size)));
    }

    /**
     * A read while one of the data servers stops answering (frozen: connections accepted, nothing sent,
     * heartbeats going on so the name server still lists its replicas), beside the same read with every
     * server answering. Each repetition uses a new client, which has not learnt yet that the server is silent.
     */
    private void silentServer(Context ctx, byte[] buf) throws Exception {
        long size = Math.min(ctx.options.size(), SILENT_SIZE);
        String path = ctx.path("silent.bin");
        Context.write(ctx.client, path, size, buf);
        Figure f = ctx.figure(name(), "read " + Sizes.human(size) + ", 1 of 3 data servers silent", "s", false,
                "same read, every server answering");
        try {
            for (int r = 0; r < ctx.repeat(); r++) {
                try (DfsClient c = DfsClient.connect(ctx.config)) {
                    ctx.progress.step(name(), r, ctx.repeat(), "reading " + Sizes.human(size) + " with every server answering");
                    long t0 = System.nanoTime();
                    Context.read(c, path, size);
                    f.addLimit(Context.seconds(t0));
                    ctx.progress.step(name(), r, ctx.repeat(), "reading " + Sizes.human(size) + " with data server 0 silent");
                    ctx.cluster.setDataServerFrozen(0, true);
                    try {
                        t0 = System.nanoTime();
                        Context.read(c, path, size);
                        f.add(Context.seconds(t0));
                    } finally {
                        ctx.cluster.setDataServerFrozen(0, false);
                    }
                }
            }
        } finally {
            ctx.client.delete(path, false);
        }
    }
}
