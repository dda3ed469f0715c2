package io.jdfs.bench;

import io.jdfs.common.Sizes;
import io.jdfs.webdav.WebDavBench;
import io.jdfs.webdav.WebDavOptions;
import io.jdfs.webdav.WebDavServer;

import java.net.URI;

/**
 * The WebDAV gateway against the client API in the same run: a PUT and a GET of the bench size
 * through a gateway on loopback (a plain-socket HTTP client, as curl), each beside the API's
 * write and read of the same size as its limit, and a PROPFIND depth 1 of a large directory. The
 * same PUT through the JDK's HttpClient (the bench's client before) is measured too, in the same
 * run, to show how much a CPU-heavy client in this JVM takes from the gateway.
 */
final class WebDavSuite implements Suite {
    static final String API_WRITE = "client API write, same size";
    static final String API_READ = "client API read, same size";
    private static final long WARM_UP_BYTES = 128L << 20;
    private static final long WARM_UP_READ_BYTES = 1L << 30;

    @Override
    public String name() {
        return "webdav";
    }

    @Override
    public void run(Context ctx) throws Exception {
        long size = ctx.options.size();
        byte[] buf = ctx.buffer();
        String dir = ctx.path("webdav");
        ctx.client.mkdirs(dir);
        WebDavBench http = new WebDavBench();
        Figure put = ctx.figure(name(), "PUT " + Sizes.human(size), "MiB/s", true, API_WRITE);
        Figure putJdk = ctx.figure(name(), "PUT " + Sizes.human(size) + ", JDK HttpClient", "MiB/s", true, API_WRITE);
        Figure putCpu = ctx.figure(name(), "PUT CPU (gateway, client and cluster)", "s/GiB", false, API_WRITE + ", CPU");
        Figure get = ctx.figure(name(), "GET " + Sizes.human(size), "MiB/s", true, API_READ);
        Figure getCpu = ctx.figure(name(), "GET CPU (gateway, client and cluster)", "s/GiB", false, API_READ + ", CPU");
        // where GET's CPU goes, beside the API's read of the same bytes: the read path both share, and
        // what only GET pays (the gateway's socket writes and the HTTP client's reads, one more hop)
        Figure getShared = ctx.figure(name(), "  of it: the read path (client, servers)", "s/GiB", false,
                "API read: the same path, CPU");
        Figure getGateway = ctx.figure(name(), "  of it: the gateway's threads", "s/GiB", false, null);
        Figure getCaller = ctx.figure(name(), "  of it: the HTTP client's thread", "s/GiB", false,
                "API read: caller's copy, CPU");
        int entries = ctx.options.dirEntries();
        Figure propfind = ctx.figure(name(), "PROPFIND depth 1, " + entries + " entries", "s", false, null);
        try (WebDavServer server = WebDavServer.start("127.0.0.1", 0, ctx.client, WebDavOptions.defaults())) {
            URI base = URI.create(server.url());
            warmUp(ctx, http, base, dir, Math.min(size, WARM_UP_BYTES), buf);
            for (int r = 0; r < ctx.repeat(); r++) {
                ctx.progress.step(name(), r, ctx.repeat(), "client API: writing and reading " + Sizes.human(size));
                Context.deleteIfPresent(ctx.client, dir + "/api.bin");
                long t0 = System.nanoTime();
                long w0 = Context.cpuNanos();
                Context.write(ctx.client, dir + "/api.bin", size, buf);
                double apiWrite = Context.mib(size) / Context.seconds(t0);
                putCpu.addLimit(Context.cpuPerGib(w0, size));
                put.addLimit(apiWrite);
                putJdk.addLimit(apiWrite);
                ThreadCpu a0 = ThreadCpu.now(); // taken outside the timed read (it walks every thread)
                t0 = System.nanoTime();
                long c0 = Context.cpuNanos();
                Context.read(ctx.client, dir + "/api.bin", size);
                get.addLimit(Context.mib(size) / Context.seconds(t0));
                getCpu.addLimit(Context.cpuPerGib(c0, size));
                ThreadCpu a1 = ThreadCpu.now();
                getShared.addLimit(a1.perGibSince(a0, size, ThreadCpu.Part.CLIENT, ThreadCpu.Part.DATA_SERVERS));
                getCaller.addLimit(a1.perGibSince(a0, size, ThreadCpu.Part.CALLER));

                ctx.progress.step(name(), r, ctx.repeat(), "WebDAV: PUT and GET of " + Sizes.human(size));
                URI file = base.resolve(dir.substring(1) + "/dav.bin");
                Context.deleteIfPresent(ctx.client, dir + "/dav.bin");
                long w1 = Context.cpuNanos();
                put.add(Context.mib(size) / http.put(file, size));
                putCpu.add(Context.cpuPerGib(w1, size));
                ThreadCpu g0 = ThreadCpu.now();
                long c1 = Context.cpuNanos();
                get.add(Context.mib(size) / http.get(file, size));
                getCpu.add(Context.cpuPerGib(c1, size));
                ThreadCpu g1 = ThreadCpu.now();
                getShared.add(g1.perGibSince(g0, size, ThreadCpu.Part.CLIENT, ThreadCpu.Part.DATA_SERVERS));
                getGateway.add(g1.perGibSince(g0, size, ThreadCpu.Part.GATEWAY));
                getCaller.add(g1.perGibSince(g0, size, ThreadCpu.Part.CALLER));
                Context.deleteIfPresent(ctx.client, dir + "/dav.bin");
                putJdk.add(Context.mib(size) / http.putJdkClient(file, size));
            }
            String big = dir + "/entries";
            ctx.progress.step(name(), 0, 1, "creating " + entries + " empty files for PROPFIND");
            for (int i = 0; i < entries; i++) {
                ctx.client.create(big + "/f" + i).close();
            }
            URI listing = base.resolve(big.substring(1) + "/");
            http.propfind(listing); // not counted: the first listing compiles the PROPFIND path (~0.3-1 s of JIT)
            for (int r = 0; r < ctx.repeat(); r++) {
                ctx.progress.step(name(), r, ctx.repeat(), "WebDAV: PROPFIND of " + entries + " entries");
                propfind.add(http.propfind(listing));
            }
        } finally {
            ctx.client.delete(dir, true);
        }
    }

    /**
     * One untimed pass of every path at a smaller size, so that the first repetition does not pay
     * the JIT for the gateway's and Jetty's code (the API's read and write paths get the same pass).
     * The reads go on for {@link #WARM_UP_READ_BYTES} each (eight passes at most), API and GET alike: the read path's
     * per-packet code reaches the JIT's top tier only after several GiB (see ReadSuite), and a GET
     * timed while the compiler threads still take a share of the 2 cores measured them, not the gateway.
     */
    private static void warmUp(Context ctx, WebDavBench http, URI base, String dir, long bytes, byte[] buf)
            throws Exception {
        long reads = Math.min(WARM_UP_READ_BYTES, 8 * bytes);
        ctx.progress.step("webdav", 0, 1, "warming up: client API and WebDAV, " + Sizes.human(bytes)
                + " written, " + Sizes.human(reads) + " read each way");
        Context.write(ctx.client, dir + "/warm.bin", bytes, buf);
        URI file = base.resolve(dir.substring(1) + "/warm-dav.bin");
        http.put(file, bytes);
        for (long read = 0; read < reads; read += bytes) {
            Context.read(ctx.client, dir + "/warm.bin", bytes);
            http.get(file, bytes);
        }
        ctx.client.delete(dir + "/warm.bin", false);
        ctx.client.delete(dir + "/warm-dav.bin", false);
    }
}
