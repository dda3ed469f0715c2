package io.jdfs.data.metrics;

import io.jdfs.data.store.BlockStore;
import io.jdfs.data.store.ContainerCompactor;
import io.jdfs.web.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A data server's meters, scraped as Prometheus text at {@code /metrics} on its web port: bytes
 * read and written (by clients and by copies; {@code rate()} gives the transfer rates), block
 * transfers by kind and outcome (count and duration histogram), transfers and copies in progress,
 * its calls to the name server (count and latency), disk use and capacity, replicas held, and the
 * JVM (heap, threads, CPU).
 */
public final class DataServerMetrics {
    /** Who a transfer serves: a client's pipeline (with its forwarding), or a copy the name server ordered. */
    public enum Source {
        CLIENT, REPLICATION;

        String tag() {
            return name().toLowerCase();
        }
    }

    /** The kinds of transfer this server serves or starts. */
    public enum Op {
        WRITE_BLOCK, READ_BLOCK, REPLICATE;

        String tag() {
            return name().toLowerCase();
        }
    }

    private final PrometheusMeterRegistry registry = Meters.newRegistry();
    private final LongAdder read = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final Counter[] readBy = new Counter[Source.values().length];
    private final Counter[] writtenBy = new Counter[Source.values().length];
    private final AtomicInteger replicating = new AtomicInteger();
    private final Timer containerSync;
    private final io.micrometer.core.instrument.DistributionSummary containerBatch;

    public DataServerMetrics(BlockStore store, AtomicInteger activeTransfers) {
        for (Source s : Source.values()) {
            readBy[s.ordinal()] = Counter.builder("jdfs_dataserver_read").baseUnit("bytes").tag("source", s.tag())
                    .description("block data sent: to clients, or to another server for a copy").register(registry);
            writtenBy[s.ordinal()] = Counter.builder("jdfs_dataserver_written").baseUnit("bytes")
                    .tag("source", s.tag()).description("block data stored: from a client's pipeline, or a copy")
                    .register(registry);
        }
        Gauge.builder("jdfs_dataserver_capacity_bytes", store, BlockStore::capacity)
                .description("space this server offers for blocks").register(registry);
        Gauge.builder("jdfs_dataserver_used_bytes", store, BlockStore::used)
                .description("space its replicas use").register(registry);
        Gauge.builder("jdfs_dataserver_remaining_bytes", store, BlockStore::remaining)
                .description("space left for new replicas").register(registry);
        Gauge.builder("jdfs_dataserver_blocks", store, s -> s.replicas().size())
                .description("replicas this server holds").register(registry);
        Gauge.builder("jdfs_dataserver_container_garbage_bytes", store, BlockStore::containerGarbage)
                .description("bytes of deleted small replicas still inside container files (not compacted yet)")
                .register(registry);
        containerSync = Timer.builder("jdfs_dataserver_container_sync")
                .description("one group commit of small replicas: the fdatasync of their container").register(registry);
        containerBatch = io.micrometer.core.instrument.DistributionSummary.builder("jdfs_dataserver_container_batch")
                .description("small replicas made durable by one container sync").register(registry);
        store.onContainerSync((replicas, nanos) -> {
            containerSync.record(nanos, TimeUnit.NANOSECONDS);
            containerBatch.record(replicas);
        });
        Gauge.builder("jdfs_dataserver_transfers", activeTransfers, AtomicInteger::get)
                .description("block transfers in progress (reads not counted)").register(registry);
        Gauge.builder("jdfs_dataserver_replications", replicating, AtomicInteger::get)
                .description("copies to other servers in progress").register(registry);
    }

    /** Counts what container compaction did. */
    public void bindCompaction(ContainerCompactor compactor) {
        FunctionCounter.builder("jdfs_dataserver_container_compactions", compactor, ContainerCompactor::compactions)
                .description("containers of small replicas compacted").register(registry);
        FunctionCounter.builder("jdfs_dataserver_container_reclaimed", compactor, ContainerCompactor::reclaimedBytes)
                .baseUnit("bytes").description("disk space compaction gave back").register(registry);
        FunctionCounter.builder("jdfs_dataserver_container_compaction_copied", compactor,
                ContainerCompactor::copiedBytes).baseUnit("bytes")
                .description("bytes of live small replicas compaction copied").register(registry);
    }

    /** Block data sent. */
    public void read(Source source, long bytes) {
        read.add(bytes);
        readBy[source.ordinal()].increment(bytes);
    }

    /** Block data stored. */
    public void written(Source source, long bytes) {
        written.add(bytes);
        writtenBy[source.ordinal()].increment(bytes);
    }

    /** Bytes stored since the server started that came from {@code source}. */
    public long bytesWritten(Source source) {
        return (long) writtenBy[source.ordinal()].count();
    }

    /** Bytes sent since the server started (reported in heartbeats). */
    public long bytesRead() {
        return read.sum();
    }

    /** Bytes stored since the server started (reported in heartbeats). */
    public long bytesWritten() {
        return written.sum();
    }

    /** One block transfer done: what it was, whether it succeeded, how long it took. */
    public void transfer(Op op, boolean ok, long nanos) {
        Timer.builder("jdfs_dataserver_transfer").description("block transfers by kind and outcome")
                .tags("op", op.tag(), "outcome", ok ? "ok" : "error").publishPercentileHistogram()
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A copy to other servers starts; the returned count goes down again when it ends. */
    public AtomicInteger replications() {
        return replicating;
    }

    /** One call to the name server: its message type, whether it succeeded, how long it took. */
    public void nameServerCall(String call, boolean ok, long nanos) {
        Timer.builder("jdfs_dataserver_nameserver_call").description("calls to the name server by type and outcome")
                .tags("call", call, "outcome", ok ? "ok" : "error").publishPercentileHistogram()
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Group commits of small replicas so far: how many container syncs, the replicas they made durable,
     * and the milliseconds the syncs took (two readings give means over what was written between them).
     */
    public record ContainerSyncs(long syncs, long replicas, double millis) {
    }

    public ContainerSyncs containerSyncs() {
        return new ContainerSyncs(containerSync.count(), (long) containerBatch.totalAmount(),
                containerSync.totalTime(TimeUnit.MILLISECONDS));
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
