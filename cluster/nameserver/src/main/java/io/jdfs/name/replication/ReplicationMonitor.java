package io.jdfs.name.replication;

import io.jdfs.name.blocks.BlockInfo;
import io.jdfs.name.blocks.BlockMap;
import io.jdfs.name.events.EventLog;
import io.jdfs.name.placement.BlockPlacementPolicy;
import io.jdfs.name.servers.DataServerDescriptor;
import io.jdfs.name.servers.DataServerRegistry;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.ClusterEvent;
import io.jdfs.protocol.Command;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.DataServerState;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Keeps every committed block at its replication factor. Fed by server deaths, block reports, corrupt
 * replica reports and a periodic scan; hands {@link Command.ReplicateBlock} to a live holder of the
 * block in its heartbeat reply, at most {@code maxStreamsPerServer} copies per server at once; removes
 * excess replicas from the fullest servers. All state is guarded by this object's lock.
 */
public final class ReplicationMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationMonitor.class);
    private static final int SCHEDULE_PER_TICK = 1000;
    private static final int SCHEDULE_PER_HEARTBEAT = 64;

    private final DataServerRegistry servers;
    private final BlockMap blockMap;
    private final BlockPlacementPolicy placement;
    private final ReplicationConfig config;
    private final EventLog events;
    private final ReplicationQueue queue = new ReplicationQueue();
    private final PendingReplications pending = new PendingReplications();
    private final CorruptReplicas corrupt = new CorruptReplicas();
    private final ExcessReplicaRemover excess;
    private final ReplicationStats stats;
    private final Map<String, ArrayDeque<Command>> outbox = new HashMap<>();
    private final DecommissionTracker decommission;
    private final ScheduledExecutorService exec;
    private long nextScanNanos;
    private boolean scanRequested = true;
    private java.util.function.BooleanSupplier paused = () -> false;
    /** Where decommissions and corrupt replicas are kept across restarts; null without a metadata directory. */
    private HealingStateFile stateFile;

    public ReplicationMonitor(DataServerRegistry servers, BlockMap blockMap, BlockPlacementPolicy placement,
                              ReplicationConfig config, EventLog events) {
        this.servers = servers;
        this.blockMap = blockMap;
        this.placement = placement;
        this.config = config;
        this.events = events;
        this.excess = new ExcessReplicaRemover(servers, blockMap, corrupt);
        this.stats = new ReplicationStats(events);
        this.decommission = new DecommissionTracker(servers, blockMap, events, this::count);
        this.exec = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("jdfs-ns-replication", true));
    }

    /** Holds all copying and excess removal while {@code condition} is true (the name server's safe mode). */
    public synchronized void pauseWhile(java.util.function.BooleanSupplier condition) {
        this.paused = condition;
    }

    /** Takes back what the state file kept, and keeps it there from now on. */
    public synchronized void persistTo(HealingStateFile file) {
        file.state().corrupt().forEach((block, onServers) -> onServers.forEach(server -> corrupt.add(block, server)));
        stateFile = file;
    }

    /** A server registered for the first time since the name server started: it is still leaving if it was. */
    public synchronized void serverRegistered(DataServerDescriptor d) {
        if (stateFile != null && stateFile.restore(d)) {
            scanRequested = true;
        }
    }

    /** Writes the admin states and corrupt replicas when they changed (under this monitor's lock). */
    private void persist() {
        if (stateFile == null) {
            return;
        }
        stateFile.save(servers.all(), corrupt.snapshot());
    }

    public void start() {
        exec.scheduleWithFixedDelay(this::tick, config.tickMillis(), config.tickMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- what happens in the cluster -------------------------------------------------------------

    /** A server died: its replicas stop counting, and every block it held is checked at once. */
    public synchronized void serverDead(DataServerDescriptor d) {
        List<Long> held = blockMap.blocksOn(d.id());
        blockMap.serverRemoved(d.id());
        outbox.remove(d.id());
        for (Long id : pending.expire(System.nanoTime(), d.id())) {
            check(id);
        }
        for (Long id : held) {
            check(id);
        }
        LOG.info("data server {} is dead: it held {} blocks; {} blocks now queued for re-replication", d.id(), held.size(),
                queue.size());
    }

    /** A full block report was applied: a server came (back) with replicas; look at every block soon. */
    public synchronized void requestScan() {
        scanRequested = true;
    }

    /** A server finalized a replica (a client write or a copy): a pending copy is done, or a block has one too many. */
    public synchronized void replicaReceived(String serverId, Block b) {
        long bytes = pending.received(b.id(), serverId);
        if (bytes >= 0) {
            stats.copied(b.length());
        }
        check(b.id());
    }

    /** A reader or a scanner found a replica corrupt: drop it when a good one exists, and copy a good one. */
    public synchronized void corruptReplica(long blockId, String serverId, String reporter) {
        BlockInfo b = blockMap.get(blockId);
        if (b == null || !b.replicas().contains(serverId)) {
            return;
        }
        if (corrupt.add(blockId, serverId)) {
            LOG.warn("corrupt replica of block {} on {} (reported by {})", blockId, serverId, reporter);
            events.add(ClusterEvent.Kind.CORRUPT_REPLICA, serverId, "corrupt replica of block " + blockId
                    + " on " + serverId + ", reported by " + reporter);
        }
        if (!count(b).missing()) {
            blockMap.invalidate(serverId, blockId);
        } else {
            LOG.error("block {}: every replica left is corrupt; keeping them for an operator", blockId);
        }
        check(blockId);
        persist();
    }

    public synchronized void decommission(DataServerDescriptor d) {
        decommission.start(d);
        scanRequested = true;
        persist();
    }

    public synchronized void recommission(DataServerDescriptor d) {
        decommission.stop(d);
        scanRequested = true;
        persist();
    }

    /** The commands for a server's heartbeat reply: copies it is the source of. */
    public synchronized List<Command> commandsFor(String serverId) {
        schedule(SCHEDULE_PER_HEARTBEAT);
        ArrayDeque<Command> q = outbox.remove(serverId);
        return q == null ? List.of() : new ArrayList<>(q);
    }

    // ---- what others ask -----------------------------------------------------------------------

    public synchronized ReplicaCount count(BlockInfo b) {
        return ReplicaCount.of(b, servers, corrupt.on(b.id()));
    }

    /** Racks of the good replicas on live servers in service. */
    private Set<String> racksOf(BlockInfo b) {
        Set<String> bad = corrupt.on(b.id());
        Set<String> racks = new HashSet<>();
        for (String id : b.replicas()) {
            DataServerDescriptor d = servers.get(id);
            if (d != null && d.isLive() && d.inService() && !bad.contains(id)) {
                racks.add(d.rack());
            }
        }
        return racks;
    }

    /** With servers on two racks or more, a block with two replicas or more must not sit in one rack. */
    public synchronized boolean misReplicated(BlockInfo b) {
        ReplicaCount c = count(b);
        return c.live() >= 2 && racksOf(b).size() == 1 && servers.liveRacks() > 1;
    }

    public synchronized Set<String> corruptOn(long blockId) {
        return Set.copyOf(corrupt.on(blockId));
    }

    /** Blocks waiting for a copy to be scheduled. */
    public synchronized int queued() {
        return queue.size();
    }

    /** Blocks with a copy under way. */
    public synchronized int inFlight() {
        return pending.size();
    }

    public synchronized int backlog() {
        return queue.size() + pending.size();
    }

    public synchronized long totalCopiedBytes() {
        return stats.totalCopiedBytes();
    }

    public synchronized long totalCopiedBlocks() {
        return stats.totalCopiedBlocks();
    }

    // ---- the loop --------------------------------------------------------------------------------

    private void tick() {
        try {
            synchronized (this) {
                long now = System.nanoTime();
                for (Long id : pending.expire(now, null)) {
                    LOG.debug("copy of block {} timed out; queued again", id);
                    check(id);
                }
                if (scanRequested || now - nextScanNanos > 0) {
                    scan(now);
                }
                schedule(SCHEDULE_PER_TICK);
                decommission.check();
                stats.report(now, queue.size(), pending.size());
                persist();
            }
        } catch (RuntimeException e) {
            LOG.warn("replication monitor tick failed", e);
        }
    }

    private void scan(long now) {
        scanRequested = false;
        nextScanNanos = now + config.scanIntervalMillis() * 1_000_000;
        for (BlockInfo b : blockMap.all()) {
            check(b);
        }
        for (Long id : corrupt.blocks()) {
            BlockInfo b = blockMap.get(id);
            if (b != null && !count(b).missing()) {
                // a replica known corrupt (before a restart, say) that its server reports again goes again
                for (String server : corrupt.on(id)) {
                    if (b.replicas().contains(server)) {
                        blockMap.invalidate(server, id);
                    }
                }
            }
            if (b == null || corrupt.on(id).stream().noneMatch(b.replicas()::contains) && !count(b).under()) {
                corrupt.forget(id);
            }
        }
    }

    private void check(long blockId) {
        BlockInfo b = blockMap.get(blockId);
        if (b == null) {
            queue.remove(blockId);
            return;
        }
        check(b);
    }

    private void check(BlockInfo b) {
        if (paused.getAsBoolean()) {
            return; // safe mode: reports are still arriving; a full scan follows when it ends
        }
        if (!b.committed()) {
            return; // its writer is still at work; checked again once the file is closed
        }
        ReplicaCount c = count(b);
        int inFlight = pending.targets(b.id());
        boolean mis = inFlight == 0 && !c.under() && misReplicated(b);
        if ((c.under() && !c.missing() && c.live() + inFlight < c.expected()) || mis) {
            queue.put(b.id(), c.priority());
        } else {
            queue.remove(b.id());
        }
        if (c.over() && inFlight == 0 && !mis) {
            stats.excessRemoved(excess.removeExcess(b, c));
        }
    }

    private void schedule(int max) {
        if (queue.size() == 0 || paused.getAsBoolean()) {
            return;
        }
        int scheduled = 0;
        long deadline = System.nanoTime() + config.pendingTimeoutMillis() * 1_000_000;
        for (Long id : queue.head(max * 4)) {
            if (scheduled >= max) {
                break;
            }
            BlockInfo b = blockMap.get(id);
            if (b == null || !b.committed()) {
                queue.remove(id);
                continue;
            }
            ReplicaCount c = count(b);
            int needed = c.expected() - c.live() - pending.targets(id);
            if (needed <= 0 && pending.targets(id) == 0 && misReplicated(b)) {
                needed = 1; // one more copy on another rack; the excess is trimmed afterwards
            }
            if (needed <= 0 || c.missing()) {
                queue.remove(id);
                continue;
            }
            DataServerDescriptor source = chooseSource(b);
            if (source == null) {
                continue;
            }
            Set<String> exclude = new HashSet<>(b.replicas());
            exclude.addAll(pending.targetsOf(id));
            exclude.addAll(corrupt.on(id));
            List<DataServerDescriptor> candidates = new ArrayList<>();
            for (DataServerDescriptor d : servers.live()) {
                if (pending.streams(d.id()) < config.maxStreamsPerServer()) {
                    candidates.add(d);
                }
            }
            List<DataServerDescriptor> targets = placement.chooseTargets(needed, b.length(), candidates, exclude,
                    racksOf(b));
            if (targets.isEmpty()) {
                continue;
            }
            List<String> ids = new ArrayList<>(targets.size());
            List<DataServerRef> refs = new ArrayList<>(targets.size());
            for (DataServerDescriptor t : targets) {
                ids.add(t.id());
                refs.add(t.ref());
            }
            pending.add(id, source.id(), ids, b.length(), deadline);
            outbox.computeIfAbsent(source.id(), k -> new ArrayDeque<>()).add(new Command.ReplicateBlock(b.toBlock(), refs));
            queue.remove(id);
            scheduled++;
            LOG.debug("block {}: copy from {} to {}", id, source.id(), ids);
        }
    }

    /** A live holder with a free stream: leaving servers first (no client writes), then the least busy. */
    private DataServerDescriptor chooseSource(BlockInfo b) {
        Set<String> bad = corrupt.on(b.id());
        List<DataServerDescriptor> ok = new ArrayList<>();
        for (String id : b.replicas()) {
            DataServerDescriptor d = servers.get(id);
            if (d != null && d.isLive() && !bad.contains(id) && pending.streams(id) < config.maxStreamsPerServer()) {
                ok.add(d);
            }
        }
        if (ok.isEmpty()) {
            return null;
        }
        java.util.Collections.shuffle(ok, ThreadLocalRandom.current());
        ok.sort(Comparator.<DataServerDescriptor>comparingInt(d -> d.state() == DataServerState.STALE ? 1 : 0)
                .thenComparingInt(d -> d.inService() ? 1 : 0)
                .thenComparingInt(d -> pending.streams(d.id())));
        return ok.get(0);
    }

    @Override
    public void close() {
        exec.shutdownNow();
    }
}
