package io.jdfs.name.metrics;

import io.jdfs.name.replication.ReplicationMonitor;
import io.jdfs.name.servers.ClusterTraffic;
import io.jdfs.protocol.ClusterMeters;
import io.jdfs.protocol.ClusterStatus;
import io.jdfs.protocol.DataServerInfo;
import io.jdfs.web.Meters;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The name server's meters, scraped as Prometheus text at {@code /metrics} on the web port: every
 * RPC by call and outcome (count and latency histogram), journal transactions, fsyncs (latency) and
 * group-commit batch sizes, the namespace and block counts, the replication queue, bytes read and
 * written cluster-wide, capacity, each data server's use and transfers, and the JVM (heap, threads,
 * CPU). Cluster gauges are read from one status snapshot per scrape. {@link #meters} reads the
 * same meters for the console's charts.
 */
public final class NameServerMetrics {
    private final PrometheusMeterRegistry registry = Meters.newRegistry();
    private final Supplier<ClusterStatus> status;
    private volatile ClusterStatus snapshot;
    private final MultiGauge serverUsed;
    private final MultiGauge serverCapacity;
    private final MultiGauge serverTransfers;
    private final MultiGauge serverBlocks;
    /** Function meters hold their source weakly: these fields keep the sources alive. */
    private final LongSupplier journalTransactions;
    private final LongSupplier journalFsyncs;
    private ReplicationMonitor replication;
    private ClusterTraffic traffic;
    private final FunctionCounter journalTransactionsCounter;
    private final FunctionCounter journalFsyncsCounter;
    private final Timer fsyncTimer;
    private final DistributionSummary batchTransactions;
    private final DistributionSummary batchBytes;
    private final Timer completeWait;
    private final Timer completeSync;

    public NameServerMetrics(Supplier<ClusterStatus> status, LongSupplier journalTransactions, LongSupplier journalFsyncs) {
        this.status = status;
        this.journalTransactions = journalTransactions;
        this.journalFsyncs = journalFsyncs;
        journalTransactionsCounter = FunctionCounter.builder("jdfs_journal_transactions", journalTransactions,
                LongSupplier::getAsLong).description("namespace changes journaled").register(registry);
        journalFsyncsCounter = FunctionCounter.builder("jdfs_journal_fsyncs", journalFsyncs, LongSupplier::getAsLong)
                .description("journal fsyncs (group commit: transactions per fsync is the batch size)")
                .register(registry);
        fsyncTimer = Timer.builder("jdfs_journal_fsync").description("time of one journal fsync")
                .publishPercentileHistogram().register(registry);
        batchTransactions = DistributionSummary.builder("jdfs_journal_batch_transactions")
                .description("transactions written by one group commit").publishPercentileHistogram()
                .register(registry);
        batchBytes = DistributionSummary.builder("jdfs_journal_batch").baseUnit("bytes")
                .description("bytes written by one group commit").register(registry);
        completeWait = Timer.builder("jdfs_complete_wait")
                .description("time a close (Complete) waited for the data servers' reports of its blocks")
                .register(registry);
        completeSync = Timer.builder("jdfs_complete_sync")
                .description("time a close (Complete) waited for the journal to be on disk").register(registry);
        gauge("jdfs_files", "files (and links, special files) in the namespace", s -> s.files());
        gauge("jdfs_directories", "directories in the namespace", s -> s.directories());
        gauge("jdfs_blocks", "blocks of all files", s -> s.blocks());
        gauge("jdfs_blocks_under_replicated", "blocks with fewer live replicas than wanted (replication backlog)",
                s -> s.underReplicatedBlocks());
        gauge("jdfs_blocks_missing", "blocks with no live replica", s -> s.missingBlocks());
        gauge("jdfs_capacity_bytes", "space the data servers offer", s -> s.capacity());
        gauge("jdfs_used_bytes", "space used by replicas", s -> s.used());
        gauge("jdfs_remaining_bytes", "space left for new replicas", s -> s.remaining());
        gauge("jdfs_dataservers_live", "data servers live", s -> s.liveServers());
        serverUsed = MultiGauge.builder("jdfs_dataserver_used_bytes").description("space used on a data server")
                .register(registry);
        serverCapacity = MultiGauge.builder("jdfs_dataserver_capacity_bytes").description("a data server's capacity")
                .register(registry);
        serverTransfers = MultiGauge.builder("jdfs_dataserver_transfers").description("block transfers in progress")
                .register(registry);
        serverBlocks = MultiGauge.builder("jdfs_dataserver_blocks").description("replicas a data server holds")
                .register(registry);
    }

    /** Adds the replication queue: blocks waiting for a copy, copies under way, what was copied. */
    public NameServerMetrics replication(ReplicationMonitor monitor) {
        this.replication = monitor;
        Gauge.builder("jdfs_replication_queued", monitor, ReplicationMonitor::queued)
                .description("blocks waiting for a copy to be scheduled").register(registry);
        Gauge.builder("jdfs_replication_in_flight", monitor, ReplicationMonitor::inFlight)
                .description("blocks with a copy under way").register(registry);
        FunctionCounter.builder("jdfs_replication_copied", monitor, ReplicationMonitor::totalCopiedBytes)
                .baseUnit("bytes").description("bytes of replicas copied to restore replication").register(registry);
        FunctionCounter.builder("jdfs_replication_copied_blocks", monitor, ReplicationMonitor::totalCopiedBlocks)
                .description("replicas copied to restore replication").register(registry);
        return this;
    }

    /** Adds bytes read and written by all data servers, from their heartbeats. */
    public NameServerMetrics traffic(ClusterTraffic t) {
        this.traffic = t;
        FunctionCounter.builder("jdfs_cluster_read", t, ClusterTraffic::bytesRead).baseUnit("bytes")
                .description("block data the data servers sent (reads and copies), from their heartbeats")
                .register(registry);
        FunctionCounter.builder("jdfs_cluster_written", t, ClusterTraffic::bytesWritten).baseUnit("bytes")
                .description("block data the data servers stored (every replica), from their heartbeats")
                .register(registry);
        return this;
    }

    private interface Field {
        long of(ClusterStatus s);
    }

    private void gauge(String name, String help, Field f) {
        Gauge.builder(name, this, m -> m.snapshot == null ? Double.NaN : f.of(m.snapshot))
                .description(help).register(registry);
    }

    /** Records one served call: its message type, whether it succeeded, how long it took. */
    public void call(String call, boolean ok, long nanos) {
        Timer.builder("jdfs_rpc").description("name server calls by message type and outcome")
                .tags("call", call, "outcome", ok ? "ok" : "error")
                .publishPercentileHistogram().register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Records the phases of one served Complete: the wait for block reports, then the journal sync. */
    public void completed(long waitNanos, long syncNanos) {
        completeWait.record(waitNanos, TimeUnit.NANOSECONDS);
        completeSync.record(syncNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Totals of the Completes served so far: how many, and the milliseconds they spent waiting for block
     * reports and for the journal sync (two readings give the means of what was served between them).
     */
    public record CompletePhases(long count, double waitMillis, double syncMillis) {
    }

    public CompletePhases completePhases() {
        return new CompletePhases(completeWait.count(), completeWait.totalTime(TimeUnit.MILLISECONDS),
                completeSync.totalTime(TimeUnit.MILLISECONDS));
    }

    /** Records one journal group commit (a {@code fsyncNanos} below 0: written without fsync). */
    public void journalSynced(long transactions, int bytes, long fsyncNanos) {
        batchTransactions.record(transactions);
        batchBytes.record(bytes);
        if (fsyncNanos >= 0) {
            fsyncTimer.record(fsyncNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The running totals, read from the meters {@link #scrape} serves. */
    public ClusterMeters meters() {
        long calls = 0;
        for (Timer t : registry.find("jdfs_rpc").timers()) {
            calls += t.count();
        }
        return new ClusterMeters(System.currentTimeMillis(),
                count(traffic, "jdfs_cluster_read"), count(traffic, "jdfs_cluster_written"),
                (long) journalTransactionsCounter.count(), (long) journalFsyncsCounter.count(), calls,
                (long) value(replication, "jdfs_replication_queued"),
                (long) value(replication, "jdfs_replication_in_flight"));
    }

    private long count(Object source, String name) {
        return source == null ? 0 : (long) registry.get(name).functionCounter().count();
    }

    private double value(Object source, String name) {
        return source == null ? 0 : registry.get(name).gauge().value();
    }

    /** The Prometheus text exposition, with cluster gauges read afresh. */
    public String scrape() {
        ClusterStatus s = status.get();
        snapshot = s;
        List<MultiGauge.Row<?>> used = new ArrayList<>();
        List<MultiGauge.Row<?>> capacity = new ArrayList<>();
        List<MultiGauge.Row<?>> transfers = new ArrayList<>();
        List<MultiGauge.Row<?>> blocks = new ArrayList<>();
        for (DataServerInfo d : s.servers()) {
            Tags t = Tags.of("server", d.address(), "state", d.state().name());
            used.add(MultiGauge.Row.of(t, d.used()));
            capacity.add(MultiGauge.Row.of(t, d.capacity()));
            transfers.add(MultiGauge.Row.of(t, d.activeTransfers()));
            blocks.add(MultiGauge.Row.of(t, d.blocks()));
        }
        serverUsed.register(used, true);
        serverCapacity.register(capacity, true);
        serverTransfers.register(transfers, true);
        serverBlocks.register(blocks, true);
        return registry.scrape();
    }
}
