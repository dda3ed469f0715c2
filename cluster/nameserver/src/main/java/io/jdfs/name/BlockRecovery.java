package io.jdfs.name;

import io.jdfs.name.blocks.BlockInfo;
import io.jdfs.name.blocks.BlockMap;
import io.jdfs.name.namespace.INodeFile;
import io.jdfs.name.namespace.NamespaceRecord;
import io.jdfs.name.servers.DataServerDescriptor;
import io.jdfs.name.servers.DataServerRegistry;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.Command;
import io.jdfs.protocol.DataServerRequest;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Block recovery (as HDFS does it) of a vanished writer's last block when no data server finalized it:
 * the block gets a new generation (journaled), every live server of its pipeline is asked for the length
 * of the replica it holds ({@link Command.RecoverReplica}, in heartbeat replies), and those that hold one
 * cut it to the shortest length among them and finalize it at the new generation
 * ({@link Command.FinalizeRecovered}). Every byte the writer saw acknowledged is on every server of the
 * pipeline, so that length keeps them all. Once a finalized replica is reported the file is closed with
 * the block at that length.
 * <p>
 * The name server drives both steps itself (HDFS hands them to a primary data server): the commands
 * travel the way deletions and copies do, and nothing new connects data servers to each other. The
 * state is in memory only: after a restart the lease comes back and the recovery starts again with
 * yet another generation; the data servers answer the same for a replica they took over or finalized.
 * Methods other than {@link #reported} and {@link #commandsFor} run under the namespace lock.
 */
final class BlockRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(BlockRecovery.class);
    /** A recovery whose finalized replicas do not come is started again this often before giving up. */
    static final int MAX_TRIES = 3;

    /** What the lease recovery does with the file once the block is recovered, or could not be. */
    interface Closer {
        /**
         * Closes the file: with its last block at {@code recovered} (from {@code replicas} replicas), or,
         * when {@code recovered} is null, at its last block with a finalized replica, saying {@code why}.
         */
        void close(INodeFile f, String holder, Block recovered, int replicas, String why) throws DfsException;
    }

    private static final class Attempt {
        final long inodeId;
        final long blockId;
        final long generation;
        /** The block's generation before its first recovery: older replicas were left behind by the writer. */
        final long fromGeneration;
        final String holder;
        final int tries;
        final List<String> asked;
        final Map<String, Long> lengths = new ConcurrentHashMap<>();
        // written under the namespace lock, read by heartbeat threads in commandsFor
        volatile long deadlineNanos;
        /** The common length chosen, once the holders were told to finalize; -1 while asking. */
        volatile long length = -1;
        volatile int holders;

        Attempt(long inodeId, long blockId, long generation, long fromGeneration, String holder, int tries,
                List<String> asked) {
            this.inodeId = inodeId;
            this.blockId = blockId;
            this.generation = generation;
            this.fromGeneration = fromGeneration;
            this.holder = holder;
            this.tries = tries;
            this.asked = asked;
        }
    }

    private final NamespaceCore core;
    private final BlockMap blockMap;
    private final DataServerRegistry servers;
    private final long timeoutNanos;
    private final Map<Long, Attempt> attempts = new ConcurrentHashMap<>();
    private final Map<String, Queue<Command>> commands = new ConcurrentHashMap<>();
    private Closer closer;

    /** @param timeoutMillis how long each step waits for the data servers' answers */
    BlockRecovery(NamespaceCore core, BlockMap blockMap, DataServerRegistry servers, long timeoutMillis) {
        this.core = core;
        this.blockMap = blockMap;
        this.servers = servers;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    void closer(Closer c) {
        this.closer = c;
    }

    /**
     * Starts the recovery of {@code last}, the last block of {@code f} (not committed, no finalized
     * replica), unless one is under way. False when no live server may hold it: the caller closes the file.
     */
    boolean start(INodeFile f, BlockInfo last, String holder, long nowNanos) throws DfsException {
        Attempt a = attempts.get(last.id());
        if (a != null && a.inodeId == f.id()) {
            return true;
        }
        return begin(f, last, holder, 1, last.generation(), nowNanos);
    }

    /**
     * @param fromGeneration the block's generation before the first try: kept by later tries, whose
     *                       holders may not have taken their replicas over at the earlier tries' generations
     */
    private boolean begin(INodeFile f, BlockInfo last, String holder, int tries, long fromGeneration, long nowNanos)
            throws DfsException {
        List<String> asked = holders(last);
        if (asked.isEmpty()) {
            return false;
        }
        long generation = last.generation() + 1;
        core.commit(new NamespaceRecord.BumpGeneration(f.id(), last.id(), generation));
        Attempt a = new Attempt(f.id(), last.id(), generation, fromGeneration, holder, tries, asked);
        a.deadlineNanos = nowNanos + timeoutNanos;
        attempts.put(last.id(), a);
        blockMap.recovering(last.id(), fromGeneration);
        for (String s : asked) {
            queue(s, new Command.RecoverReplica(last.id(), generation, fromGeneration));
        }
        LOG.info("writer {} vanished: recovering the last block {} of {} at generation {} from {}{}", holder,
                last.id(), core.ns.pathOf(f.id()), generation, asked, tries > 1 ? " (try " + tries + ")" : "");
        return true;
    }

    private void end(Attempt a) {
        if (attempts.remove(a.blockId, a)) {
            blockMap.recovering(a.blockId, -1);
        }
    }

    /** The live servers of the block's pipeline; every live server when it is not known (after a restart). */
    private List<String> holders(BlockInfo b) {
        List<String> out = new ArrayList<>();
        List<String> pipeline = b.pipeline();
        if (pipeline.isEmpty()) {
            for (DataServerDescriptor d : servers.live()) {
                out.add(d.id());
            }
        } else {
            for (String id : pipeline) {
                if (live(id)) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    private boolean live(String serverId) {
        DataServerDescriptor d = servers.get(serverId);
        return d != null && d.isLive();
    }

    private void queue(String serverId, Command c) {
        commands.computeIfAbsent(serverId, k -> new ConcurrentLinkedQueue<>()).add(c);
    }

    /**
     * The recovery commands waiting for a server's heartbeat. A length no longer asked for (the recovery
     * went on or ended without this server) is not asked; a finalize always goes: the file may be closed
     * already with another holder's replica, this one is still to count.
     */
    List<Command> commandsFor(String serverId) {
        Queue<Command> q = commands.get(serverId);
        List<Command> out = new ArrayList<>();
        for (Command c; q != null && (c = q.poll()) != null; ) {
            if (c instanceof Command.RecoverReplica r) {
                Attempt a = attempts.get(r.blockId());
                if (a == null || a.generation != r.newGeneration() || a.length >= 0) {
                    continue;
                }
            }
            out.add(c);
        }
        return out;
    }

    /** A server declared dead: the commands waiting for its heartbeats go (it re-registers afresh). */
    void serverDead(String serverId) {
        commands.remove(serverId);
    }

    /** A server told the length of its replica (-1: none). */
    void reported(DataServerRequest.RecoveryLength r) {
        Attempt a = attempts.get(r.blockId());
        if (a == null || a.generation != r.generation() || !a.asked.contains(r.serverId())) {
            return;
        }
        a.lengths.put(r.serverId(), r.length());
        if (r.length() < 0) {
            LOG.info("block recovery of block {}: {} holds no replica of it ({})", r.blockId(), r.serverId(), r.why());
        }
    }

    /** Recoveries under way (diagnostics, tests). */
    int underWay() {
        return attempts.size();
    }

    /** Moves every recovery on a step where it can; called by each lease check. */
    void poll(long nowNanos) {
        for (Attempt a : attempts.values().toArray(new Attempt[0])) {
            try {
                step(a, nowNanos);
            } catch (DfsException e) {
                LOG.warn("block recovery of block {} failed: {}", a.blockId, e.getMessage());
            }
        }
    }

    private void step(Attempt a, long nowNanos) throws DfsException {
        INodeFile f = core.ns.byId(a.inodeId) instanceof INodeFile x && x.underConstruction() ? x : null;
        List<BlockInfo> blocks = f == null ? List.of() : f.blocks();
        BlockInfo last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
        if (last == null || last.id() != a.blockId) {
            end(a); // closed, deleted or truncated meanwhile: nothing to recover
            return;
        }
        if (last.committed() || last.generation() != a.generation) {
            // moved on meanwhile (the writer is refused once its lease is gone, so this is not expected):
            // recover it again as it is now; a close with null would drop its acknowledged bytes
            end(a);
            if (last.committed() || last.replicaCount() > 0 || !begin(f, last, a.holder, a.tries, a.fromGeneration, nowNanos)) {
                closer.close(f, a.holder, null, 0, "its last block changed during its recovery");
            }
            return;
        }
        if (a.length < 0) {
            ask(a, f, last, nowNanos);
        } else if (last.replicaCount() > 0) {
            end(a);
            closer.close(f, a.holder, new Block(a.blockId, a.generation, a.length), a.holders, null);
        } else if (nowNanos - a.deadlineNanos >= 0) {
            end(a);
            if (a.tries >= MAX_TRIES || !begin(f, last, a.holder, a.tries + 1, a.fromGeneration, nowNanos)) {
                closer.close(f, a.holder, null, 0, "no data server finalized its last block after " + a.tries
                        + " recoveries");
            }
        }
    }

    /** Why an answered recovery kept nothing of the block. */
    private static String whyNothing(Attempt a, List<String> holders) {
        if (a.lengths.isEmpty()) {
            return "no data server holding its last block answered (asked " + a.asked + ")";
        }
        if (holders.isEmpty()) {
            return "no data server holds a replica of its last block (answers " + a.lengths + ")";
        }
        return "its last block holds no whole chunk on every server (" + a.lengths + ")";
    }

    /** Step one: once every asked server answered (or the time is up), the holders finalize the common length. */
    private void ask(Attempt a, INodeFile f, BlockInfo last, long nowNanos) throws DfsException {
        boolean all = a.asked.stream().allMatch(s -> a.lengths.containsKey(s) || !live(s));
        if (!all && nowNanos - a.deadlineNanos < 0) {
            return;
        }
        List<String> holders = new ArrayList<>();
        long min = Long.MAX_VALUE;
        long max = 0;
        for (Map.Entry<String, Long> e : a.lengths.entrySet()) {
            if (e.getValue() > 0) {
                holders.add(e.getKey());
                min = Math.min(min, e.getValue());
                max = Math.max(max, e.getValue());
            }
        }
        // a replica ends inside a chunk only at the writer's last packet: cut at a chunk when they differ
        long length = holders.isEmpty() ? 0 : min < max ? min - min % Protocol.CHUNK_SIZE : min;
        if (length == 0) {
            end(a);
            if (a.lengths.isEmpty() && a.tries < MAX_TRIES && begin(f, last, a.holder, a.tries + 1, a.fromGeneration, nowNanos)) {
                return; // nobody answered (late heartbeats?): ask again before giving the bytes up
            }
            if (holders.isEmpty() && !a.lengths.isEmpty() && a.fromGeneration > 0 && a.tries < MAX_TRIES
                    && begin(f, last, a.holder, a.tries + 1, 0, nowNanos)) {
                // after a restart the bound is the block's journaled generation, maybe that of a recovery
                // its holders never took their replicas over at: rather than none, ask once more without it
                return;
            }
            closer.close(f, a.holder, null, 0, whyNothing(a, holders));
            return;
        }
        Block recovered = new Block(a.blockId, a.generation, length);
        for (String s : a.asked) {
            if (!holders.contains(s)) {
                blockMap.markStale(s, recovered); // late, it may have taken its replica over: it goes
            }
        }
        a.length = length;
        a.holders = holders.size();
        a.deadlineNanos = nowNanos + timeoutNanos;
        for (String s : holders) {
            queue(s, new Command.FinalizeRecovered(recovered));
        }
        LOG.info("block recovery of block {} of {}: replicas hold {}; finalizing {} of them at {} bytes", a.blockId,
                core.ns.pathOf(f.id()), a.lengths, holders.size(), length);
    }
}
