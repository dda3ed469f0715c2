package io.jdfs.name.blocks;

import io.jdfs.protocol.Block;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;

/**
 * Every block the namespace knows, and which data servers hold a finalized replica of each.
 * Also keeps, per server, the replicas the server should delete (sent in heartbeat replies).
 */
public final class BlockMap {
    private static final Logger LOG = LoggerFactory.getLogger(BlockMap.class);

    /** Every block by id, one array slot each (not a map node and a Long); guarded by its own monitor. */
    private final IdTable<BlockInfo> blocks = new IdTable<>(BlockInfo::id);
    /** Per server, the blocks it holds: primitive sets (a replica costs 8-16 bytes here, not a node and a Long). */
    private final Map<String, LongSet> replicasByServer = new ConcurrentHashMap<>();
    /** One String instance per server id: replicas refer to it, not to the id decoded from each report. */
    private final Map<String, String> serverIds = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> toDelete = new ConcurrentHashMap<>();
    /** Replicas to delete only up to a generation: stale copies from before a pipeline recovery. */
    private final Map<String, Set<Block>> staleToDelete = new ConcurrentHashMap<>();
    /** Replicas of blocks nobody knows, held back while the namespace may still be incomplete. */
    private final Map<String, Set<Long>> orphans = new ConcurrentHashMap<>();
    private volatile boolean deleteUnknown;
    /**
     * Blocks of files removed from the namespace while a reader still holds them open: no longer
     * part of any file (not counted, not re-replicated), but their replicas stay until released.
     */
    private final Map<Long, BlockInfo> retained = new ConcurrentHashMap<>();
    /** Blocks under recovery: the generation from which their replicas still count (see {@link #recovering}). */
    private final Map<Long, Long> recovering = new ConcurrentHashMap<>();
    private volatile LongPredicate fileHeld = fileId -> false;

    public void add(BlockInfo block) {
        synchronized (blocks) {
            blocks.put(block);
        }
    }

    public BlockInfo get(long blockId) {
        synchronized (blocks) {
            return blocks.get(blockId);
        }
    }

    public int size() {
        synchronized (blocks) {
            return blocks.size();
        }
    }

    /** A snapshot of every block (scans iterate it while blocks come and go). */
    public Collection<BlockInfo> all() {
        synchronized (blocks) {
            return Arrays.asList(blocks.values().toArray(new BlockInfo[0]));
        }
    }

    /**
     * From now on, replicas of unknown blocks are deleted, starting with those reported so far: called
     * when safe mode ends, once the namespace is known to be complete. Returns how many were queued.
     */
    public int deleteUnknownReplicas() {
        deleteUnknown = true;
        int n = 0;
        for (Map.Entry<String, Set<Long>> e : orphans.entrySet()) {
            for (Long id : e.getValue()) {
                if (get(id) == null) {
                    serverSet(toDelete, e.getKey()).add(id);
                    n++;
                }
            }
        }
        orphans.clear();
        return n;
    }

    /** Blocks that are committed, and how many of them have at least one replica reported. */
    public long[] reportedCommitted() {
        long total = 0;
        long reported = 0;
        synchronized (blocks) { // no snapshot: this runs on every report during safe mode
            for (BlockInfo b : blocks.values()) {
                if (b.committed()) {
                    total++;
                    if (b.replicaCount() > 0) {
                        reported++;
                    }
                }
            }
        }
        return new long[]{reported, total};
    }

    /** Which files readers hold open: their blocks outlive the file's removal until released. */
    public void retainBlocksOf(LongPredicate fileHeld) {
        this.fileHeld = fileHeld;
    }

    /**
     * Forgets a block (its file was deleted, replaced or truncated) and queues deletion of every
     * replica, unless a reader holds the file open: then the block is retained until released.
     */
    public void remove(long blockId) {
        BlockInfo b;
        synchronized (blocks) {
            b = blocks.remove(blockId);
        }
        if (b == null) {
            return;
        }
        if (fileHeld.test(b.fileId())) {
            retained.put(blockId, b);
            return;
        }
        deleteReplicas(b);
    }

    /** The last reader of a removed file let go: its retained blocks' replicas are deleted now. */
    public void releaseRetained(long fileId) {
        var it = retained.values().iterator();
        while (it.hasNext()) {
            BlockInfo b = it.next();
            if (b.fileId() == fileId) {
                it.remove();
                deleteReplicas(b);
            }
        }
    }

    public int retainedBlocks() {
        return retained.size();
    }

    private BlockInfo known(long blockId) {
        BlockInfo b = get(blockId);
        return b != null ? b : retained.get(blockId);
    }

    private void deleteReplicas(BlockInfo b) {
        long blockId = b.id();
        for (String server : b.replicas()) {
            b.removeReplica(server);
            held(server).remove(blockId);
            serverSet(toDelete, server).add(blockId);
        }
    }

    /**
     * A block recovery of {@code blockId} is under way (or, with -1, over): replicas reported from
     * {@code fromGeneration} on are not stale while it lasts, even below the block's (bumped) generation.
     * Deleting one would race the recovery's finalize of it, and the block could lose every replica.
     */
    public void recovering(long blockId, long fromGeneration) {
        if (fromGeneration < 0) {
            recovering.remove(blockId);
        } else {
            recovering.put(blockId, fromGeneration);
        }
    }

    /** A server reported a finalized replica. Returns false when the block is unknown or stale. */
    public boolean replicaReceived(String reportedBy, Block reported) {
        String serverId = canonical(reportedBy);
        BlockInfo b = known(reported.id());
        if (b == null) {
            LOG.debug("{} reported unknown block {}", serverId, reported);
            serverSet(deleteUnknown ? toDelete : orphans, serverId).add(reported.id());
            return false;
        }
        Long floor = recovering.get(reported.id());
        if (reported.generation() < b.generation() && floor != null && reported.generation() >= floor) {
            LOG.info("{} holds {} of a block under recovery at generation {}: kept for the recovery", serverId,
                    reported, b.generation());
            return false; // the recovery counts on it (it finalizes it at the new generation), not a location yet
        }
        if (reported.generation() < b.generation()) {
            LOG.info("{} holds a stale replica {} (current generation {}); deleting it", serverId, reported, b.generation());
            staleSet(serverId).add(reported);
            return false;
        }
        if (b.committed() && reported.length() != b.length()) {
            LOG.warn("{} holds replica {} whose length differs from the committed {}; deleting it",
                    serverId, reported, b.length());
            serverSet(toDelete, serverId).add(reported.id());
            return false;
        }
        b.setLengthIfUncommitted(reported.length());
        if (b.addReplica(serverId)) {
            held(serverId).add(b.id());
        }
        return true;
    }

    public void replicaDeleted(String serverId, long blockId) {
        BlockInfo b = known(blockId);
        if (b != null) {
            b.removeReplica(serverId);
        }
        held(serverId).remove(blockId);
    }

    /**
     * Applies a full block report: the server holds exactly {@code reported}. Replicas it no longer
     * reports are dropped from the map.
     */
    public void fullReport(String serverId, List<Block> reported) {
        Set<Long> now = new HashSet<>();
        for (Block r : reported) {
            if (replicaReceived(serverId, r)) {
                now.add(r.id());
            }
        }
        for (Long id : held(serverId).toList()) {
            if (!now.contains(id)) {
                replicaDeleted(serverId, id);
            }
        }
    }

    /** A replica found corrupt: no longer a location, and the server is told to delete it. */
    public void replicaCorrupt(String serverId, long blockId) {
        replicaDeleted(serverId, blockId);
        if (known(blockId) != null) {
            serverSet(toDelete, serverId).add(blockId);
        }
    }

    /** A server died or left: none of its replicas is a live location any more. */
    public void serverRemoved(String serverId) {
        LongSet held = replicasByServer.remove(serverId);
        if (held != null) {
            for (Long id : held.toList()) {
                BlockInfo b = known(id);
                if (b != null) {
                    b.removeReplica(serverId);
                }
            }
        }
        toDelete.remove(serverId);
        staleToDelete.remove(serverId);
        orphans.remove(serverId);
    }

    public int replicasOn(String serverId) {
        LongSet s = replicasByServer.get(serverId);
        return s == null ? 0 : s.size();
    }

    /** Takes up to {@code max} pending deletions for a server. */
    public List<Long> takeDeletions(String serverId, int max) {
        return take(toDelete.get(serverId), max);
    }

    /** Takes up to {@code max} generation-bounded deletions for a server. */
    public List<Block> takeStaleDeletions(String serverId, int max) {
        return take(staleToDelete.get(serverId), max);
    }

    private static <T> List<T> take(Set<T> s, int max) {
        List<T> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        synchronized (s) {
            var it = s.iterator();
            while (it.hasNext() && out.size() < max) {
                out.add(it.next());
                it.remove();
            }
        }
        return out;
    }

    private Set<Block> staleSet(String serverId) {
        return staleToDelete.computeIfAbsent(serverId, k -> java.util.Collections.synchronizedSet(new HashSet<>()));
    }

    private LongSet held(String serverId) {
        return replicasByServer.computeIfAbsent(serverId, k -> new LongSet());
    }

    /** The one instance of a server id (ids decoded from messages are new Strings each time). */
    private String canonical(String serverId) {
        String known = serverIds.putIfAbsent(serverId, serverId);
        return known != null ? known : serverId;
    }

    private static Set<Long> serverSet(Map<String, Set<Long>> map, String serverId) {
        return map.computeIfAbsent(serverId, k -> java.util.Collections.synchronizedSet(new HashSet<>()));
    }

    // ---- self-healing (issue 4) ----

    /** Ids of the blocks a server holds a replica of (a copy). */
    public List<Long> blocksOn(String serverId) {
        LongSet s = replicasByServer.get(serverId);
        return s == null ? List.of() : s.toList();
    }

    /** A replica that must go (excess or corrupt): no longer a location, and the server deletes it. */
    public void invalidate(String serverId, long blockId) {
        replicaCorrupt(serverId, blockId);
    }

    /**
     * A server's replica of {@code upTo}'s block, at that generation or an older one, is stale: the server
     * is told to delete it, or to drop it if it is parked (one left out of a block recovery).
     */
    public void markStale(String serverId, Block upTo) {
        staleSet(canonical(serverId)).add(new Block(upTo.id(), upTo.generation(), 0));
    }

    /**
     * A block got a new generation (pipeline recovery): its replicas of the old generation stop being
     * locations; servers outside the new pipeline are told to delete theirs.
     */
    public void generationChanged(BlockInfo b, Collection<String> newPipeline) {
        generationChanged(b, newPipeline, List.of());
    }

    /**
     * As {@link #generationChanged(BlockInfo, Collection)}; the {@code dropped} servers of the old pipeline
     * are told too, so one still alive drops the replica it kept for a recovery that left it out.
     */
    public void generationChanged(BlockInfo b, Collection<String> newPipeline, Collection<String> dropped) {
        for (String server : b.replicas()) {
            replicaDeleted(server, b.id());
            if (!newPipeline.contains(server)) {
                staleSet(server).add(new Block(b.id(), b.generation() - 1, 0));
            }
        }
        for (String server : dropped) {
            if (!newPipeline.contains(server)) {
                staleSet(server).add(new Block(b.id(), b.generation() - 1, 0));
            }
        }
    }
}
