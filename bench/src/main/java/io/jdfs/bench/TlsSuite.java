package io.jdfs.bench;

import io.jdfs.client.DfsClient;
import io.jdfs.common.Sizes;
import io.jdfs.local.LocalCluster;
import io.jdfs.rpc.tls.ClusterCertificates;
import io.jdfs.rpc.tls.TlsSettings;

import java.time.Duration;
import java.util.List;

/**
 * What TLS costs: one client writes and reads the large file on a second local cluster with TLS on every
 * connection, and, in the same repetitions, on the plain-TCP cluster of the run (the "limit").
 */
final class TlsSuite implements Suite {
    static final String PLAIN_TCP = "the same on plain TCP";

    @Override
    public String name() {
        return "tls";
    }

    @Override
    public boolean needsLocalCluster() {
        return true; // it starts a second cluster with TLS beside the first
    }

    @Override
    public void run(Context ctx) throws Exception {
        long size = ctx.options.size();
        byte[] buf = ctx.buffer();
        String password = Long.toHexString(System.nanoTime());
        ctx.progress.step(name(), 0, ctx.repeat(), "making a cluster CA and a node certificate");
        ClusterCertificates.Written certs = ClusterCertificates.create(ctx.scratch.resolve("tls-certs"), password,
                List.of("node"), List.of("127.0.0.1", "localhost"), Duration.ofDays(1));
        TlsSettings tls = new TlsSettings(certs.nodeStores().get(0), password);
        ctx.progress.step(name(), 0, ctx.repeat(), "starting a local cluster with TLS");
        try (LocalCluster secure = LocalCluster.start(ctx.scratch.resolve("tls-cluster"),
                Bench.localConfig(ctx.options).withTls(tls), Bench.LOCAL_DATA_SERVERS, 0, 0);
             DfsClient client = DfsClient.connect(secure.clientConfig()
                     .withTls(new TlsSettings(certs.trustStore(), password)))) {
            String plainPath = ctx.path("tls-plain");
            String tlsPath = "/tls-bench";
            Figure write = ctx.figure(name(), "write " + Sizes.human(size) + ", 1 client, TLS", "MiB/s", true, PLAIN_TCP);
            Figure read = ctx.figure(name(), "read " + Sizes.human(size) + ", 1 client, TLS", "MiB/s", true, PLAIN_TCP);
            for (int r = 0; r < ctx.repeat(); r++) {
                ctx.progress.step(name(), r, ctx.repeat(), "plain TCP: writing " + Sizes.human(size));
                long t0 = System.nanoTime();
                Context.write(ctx.client, plainPath, size, buf);
                write.addLimit(Context.mib(size) / Context.seconds(t0));
                ctx.progress.step(name(), r, ctx.repeat(), "TLS: writing " + Sizes.human(size));
                t0 = System.nanoTime();
                Context.write(client, tlsPath, size, buf);
                write.add(Context.mib(size) / Context.seconds(t0));
                ctx.progress.step(name(), r, ctx.repeat(), "plain TCP: reading " + Sizes.human(size));
                t0 = System.nanoTime();
                Context.read(ctx.client, plainPath, size);
                read.addLimit(Context.mib(size) / Context.seconds(t0));
                ctx.progress.step(name(), r, ctx.repeat(), "TLS: reading " + Sizes.human(size));
                t0 = System.nanoTime();
                Context.read(client, tlsPath, size);
                read.add(Context.mib(size) / Context.seconds(t0));
            }
            ctx.client.delete(plainPath, false);
            client.delete(tlsPath, false);
        }
    }
}
