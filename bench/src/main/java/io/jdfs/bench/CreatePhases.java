package io.jdfs.bench;

import io.jdfs.client.DfsOutputStream;
import io.jdfs.client.WritePhases;
import io.jdfs.name.metrics.NameServerMetrics;

/**
 * Where the time of one durable small-file create goes, with 1 client: the mean of each phase over a
 * run's files, as the client sees them (the create call, the block's trip down the pipeline and back,
 * the Complete call) and, with a cluster in this process, the name server's side of the Complete (its
 * wait for the data servers' block reports, its journal sync).
 */
final class CreatePhases {
    private final Figure create;
    private final Figure data;
    private final Figure complete;
    private final Figure waitReports;
    private final Figure sync;
    private final Figure dataSync;
    private final Context ctx;
    private long files;
    private long createNanos;
    private long dataNanos;
    private long completeNanos;
    private NameServerMetrics.CompletePhases before;
    private double[] dataBefore;

    CreatePhases(Context ctx, String suite) {
        this.ctx = ctx;
        String p = "create, 1 client, per file: ";
        create = ctx.figure(suite, p + "create call", "ms", false, null);
        data = ctx.figure(suite, p + "data down the pipeline, acked", "ms", false, null);
        complete = ctx.figure(suite, p + "Complete call", "ms", false, null);
        waitReports = ctx.cluster == null ? null
                : ctx.figure(suite, p + "Complete: wait for block reports", "ms", false, null);
        sync = ctx.cluster == null ? null : ctx.figure(suite, p + "Complete: journal sync", "ms", false, null);
        dataSync = ctx.cluster == null ? null
                : ctx.figure(suite, p + "one data server's container sync", "ms", false, null);
    }

    /** Starts a run. */
    void start() {
        files = 0;
        createNanos = dataNanos = completeNanos = 0;
        before = server();
        dataBefore = dataServers();
    }

    /** Adds one closed file's phases. */
    void add(DfsOutputStream out) {
        WritePhases p = out.phases();
        files++;
        createNanos += p.createNanos();
        dataNanos += p.dataNanos();
        completeNanos += p.completeNanos();
    }

    /** Ends a run: one sample of each figure. */
    void end() {
        if (files == 0) {
            return;
        }
        create.add(createNanos / 1e6 / files);
        data.add(dataNanos / 1e6 / files);
        complete.add(completeNanos / 1e6 / files);
        NameServerMetrics.CompletePhases after = server();
        if (before != null && after != null && after.count() > before.count()) {
            long n = after.count() - before.count();
            waitReports.add((after.waitMillis() - before.waitMillis()) / n);
            sync.add((after.syncMillis() - before.syncMillis()) / n);
        }
        double[] dataAfter = dataServers();
        if (dataBefore != null && dataAfter != null && dataAfter[0] > dataBefore[0]) {
            dataSync.add((dataAfter[1] - dataBefore[1]) / (dataAfter[0] - dataBefore[0]));
        }
    }

    /** Container syncs of every data server so far and their milliseconds; null without a local cluster. */
    private double[] dataServers() {
        if (ctx.cluster == null) {
            return null;
        }
        double[] r = new double[2];
        for (var d : ctx.cluster.dataServers()) {
            if (d != null) {
                var s = d.metrics().containerSyncs();
                r[0] += s.syncs();
                r[1] += s.millis();
            }
        }
        return r;
    }

    private NameServerMetrics.CompletePhases server() {
        return ctx.cluster == null ? null : ctx.cluster.nameServer().metrics().completePhases();
    }
}
