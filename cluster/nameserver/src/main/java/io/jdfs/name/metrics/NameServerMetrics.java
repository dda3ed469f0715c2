package io.jdfs.name.metrics;

import io.jdfs.protocol.ClusterStatus;
import io.jdfs.protocol.DataServerInfo;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The name server's meters, scraped as Prometheus text at {@code /metrics} on the web port: every
 * RPC by call and outcome (count and latency histogram), journal transactions and fsyncs, the
 * namespace and block counts, replication backlog, capacity, each data server's use and transfers,
 * and the JVM (heap, threads, CPU). Cluster gauges are read from one status snapshot per scrape.
 */
public final class NameServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Supplier<ClusterStatus> status;
    private volatile ClusterStatus snapshot;
    private final MultiGauge serverUsed;
    private final MultiGauge serverCapacity;
    private final MultiGauge serverTransfers;
    private final MultiGauge serverBlocks;
    /** Function meters hold their source weakly: these fields keep the suppliers alive. */
    private final LongSupplier journalTransactions;
    private final LongSupplier journalFsyncs;

    public NameServerMetrics(Supplier<ClusterStatus> status, LongSupplier journalTransactions, LongSupplier journalFsyncs) {
        this.status = status;
        this.journalTransactions = journalTransactions;
        this.journalFsyncs = journalFsyncs;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        FunctionCounter.builder("jdfs_journal_transactions", journalTransactions, LongSupplier::getAsLong)
                .description("namespace changes journaled").register(registry);
        FunctionCounter.builder("jdfs_journal_fsyncs", journalFsyncs, LongSupplier::getAsLong)
                .description("journal fsyncs (group commit: transactions per fsync is the batch size)")
                .register(registry);
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
