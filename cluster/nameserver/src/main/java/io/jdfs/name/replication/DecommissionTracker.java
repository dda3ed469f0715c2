package io.jdfs.name.replication;

import io.jdfs.name.blocks.BlockInfo;
import io.jdfs.name.blocks.BlockMap;
import io.jdfs.name.events.EventLog;
import io.jdfs.name.servers.DataServerDescriptor;
import io.jdfs.name.servers.DataServerRegistry;
import io.jdfs.protocol.ClusterEvent;
import io.jdfs.protocol.DataServerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Servers being drained: a DECOMMISSIONING server keeps serving reads and acts as a copy source but
 * gets no new replicas and does not count toward replication, so the monitor copies its blocks away.
 * Once every block it holds has its full replication elsewhere it is DECOMMISSIONED.
 * Guarded by the {@link ReplicationMonitor}'s lock.
 */
final class DecommissionTracker {
    private static final Logger LOG = LoggerFactory.getLogger(DecommissionTracker.class);
    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    private final DataServerRegistry servers;
    private final BlockMap blockMap;
    private final EventLog events;
    private final Function<BlockInfo, ReplicaCount> counter;
    private final Map<String, Long> lastRemaining = new HashMap<>();
    private final Map<String, Long> lastProgressNanos = new HashMap<>();

    DecommissionTracker(DataServerRegistry servers, BlockMap blockMap, EventLog events,
                        Function<BlockInfo, ReplicaCount> counter) {
        this.servers = servers;
        this.blockMap = blockMap;
        this.events = events;
        this.counter = counter;
    }

    void start(DataServerDescriptor d) {
        if (d.adminState() != null) {
            return;
        }
        d.adminState(DataServerState.DECOMMISSIONING);
        int blocks = blockMap.replicasOn(d.id());
        LOG.info("decommissioning data server {} ({}:{}): {} replicas to drain", d.id(), d.host(), d.port(), blocks);
        events.add(ClusterEvent.Kind.DECOMMISSION_STARTED, d.id(), "decommissioning " + d.host() + ":" + d.port()
                + ", " + blocks + " replicas to drain");
    }

    void stop(DataServerDescriptor d) {
        if (d.adminState() == null) {
            return;
        }
        d.adminState(null);
        lastRemaining.remove(d.id());
        LOG.info("data server {} ({}:{}) is back in service", d.id(), d.host(), d.port());
        events.add(ClusterEvent.Kind.RECOMMISSIONED, d.id(), d.host() + ":" + d.port() + " is back in service");
    }

    /** Finishes the decommissions whose servers hold no replica that is still needed. */
    void check() {
        long now = System.nanoTime();
        for (DataServerDescriptor d : servers.all()) {
            if (d.adminState() != DataServerState.DECOMMISSIONING || !d.isLive()) {
                continue;
            }
            long needed = 0;
            for (Long id : blockMap.blocksOn(d.id())) {
                BlockInfo b = blockMap.get(id);
                if (b != null && (!b.committed() || counter.apply(b).under())) {
                    needed++;
                }
            }
            if (needed == 0) {
                d.adminState(DataServerState.DECOMMISSIONED);
                lastRemaining.remove(d.id());
                LOG.info("data server {} ({}:{}) is decommissioned: every block it holds is replicated elsewhere",
                        d.id(), d.host(), d.port());
                events.add(ClusterEvent.Kind.DECOMMISSIONED, d.id(), d.host() + ":" + d.port() + " decommissioned");
                continue;
            }
            Long before = lastRemaining.put(d.id(), needed);
            long last = lastProgressNanos.getOrDefault(d.id(), 0L);
            if ((before == null || before != needed) && now - last > PROGRESS_EVERY_NANOS) {
                lastProgressNanos.put(d.id(), now);
                String msg = "decommission of " + d.host() + ":" + d.port() + ": " + needed + " blocks still need copies";
                LOG.info(msg);
                events.add(ClusterEvent.Kind.DECOMMISSION_PROGRESS, d.id(), msg);
            }
        }
    }
}
