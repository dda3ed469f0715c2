package io.jdfs.name;

import io.jdfs.name.blocks.BlockInfo;
import io.jdfs.name.blocks.BlockMap;
import io.jdfs.name.lease.LeaseManager;
import io.jdfs.name.namespace.Clock;
import io.jdfs.name.namespace.INode;
import io.jdfs.name.namespace.INodeFile;
import io.jdfs.name.namespace.Namespace;
import io.jdfs.name.namespace.NamespaceRecord;
import io.jdfs.name.permission.Permissions;
import io.jdfs.name.placement.BlockPlacementPolicy;
import io.jdfs.name.servers.DataServerDescriptor;
import io.jdfs.name.servers.DataServerRegistry;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.Caller;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.DfsPath;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.IsADirectoryException;
import io.jdfs.protocol.LeaseConflictException;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.ClientRequest;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.NoSpaceException;
import io.jdfs.protocol.PathNotFoundException;
import io.jdfs.protocol.Protocol;
import io.jdfs.protocol.UnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writing new files, HDFS style: create (the writer's lease), blocks allocated in order down their
 * pipelines, complete with the final lengths, and pipeline recovery when a data server of a pipeline
 * fails. Files changed after their first close go through {@link RewriteService}.
 */
public final class WriteService {
    private static final Logger LOG = LoggerFactory.getLogger(WriteService.class);
    public static final int MAX_REPLICATION = 32;
    public static final long MIN_BLOCK_SIZE = Protocol.CHUNK_SIZE;
    public static final long MAX_BLOCK_SIZE = 1L << 30;

    private final NamespaceCore core;
    private final Namespace ns;
    private final BlockMap blockMap;
    private final DataServerRegistry servers;
    private final BlockPlacementPolicy placement;
    private final LeaseManager leases;
    private final NameServerConfig config;
    private final Permissions permissions;

    WriteService(NamespaceCore core, BlockMap blockMap, DataServerRegistry servers, BlockPlacementPolicy placement,
                 LeaseManager leases, NameServerConfig config) {
        this.core = core;
        this.ns = core.ns;
        this.blockMap = blockMap;
        this.servers = servers;
        this.placement = placement;
        this.leases = leases;
        this.config = config;
        this.permissions = core.permissions;
    }

    public FileStatus create(Caller caller, ClientRequest.Create c) throws DfsException {
        DfsPath.of(c.path()).checkCreatable();
        int replication = c.replication() <= 0 ? config.defaultReplication() : c.replication();
        long blockSize = c.blockSize() <= 0 ? config.defaultBlockSize() : c.blockSize();
        if (replication > MAX_REPLICATION) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "replication " + replication + " exceeds " + MAX_REPLICATION);
        }
        if (blockSize < MIN_BLOCK_SIZE || blockSize > MAX_BLOCK_SIZE || blockSize % Protocol.CHUNK_SIZE != 0) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "block size must be a multiple of 64 KiB between "
                    + MIN_BLOCK_SIZE + " and " + MAX_BLOCK_SIZE + " bytes");
        }
        if (c.clientId() == null || c.clientId().isBlank()) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "create needs a client id");
        }
        synchronized (core.lock) {
            DfsPath path = core.resolve(c.path(), true); // writing through a link writes its target
            if (path.isRoot()) {
                throw new IsADirectoryException("/ is a directory");
            }
            permissions.traverse(caller, ns, path);
            INode existing = ns.lookup(path);
            if (existing instanceof INodeFile f && f.underConstruction()) {
                throw new LeaseConflictException(path + " is being written by another client");
            }
            if (ns.lookup(path.parent()) == null) {
                if (c.noParents()) {
                    throw new PathNotFoundException(path.parent() + ": no such directory");
                }
                core.checkCanCreateBelow(caller, path.parent());
                core.commit(new NamespaceRecord.Mkdirs(path.parent().toString(), Namespace.DEFAULT_DIR_MODE,
                        ns.lastInodeId() + 1, Clock.nowNanos(), caller.uid(), caller.gid()));
            }
            permissions.checkParentWritable(caller, ns, path);
            if (existing != null) {
                permissions.checkSticky(caller, ns, path);
            }
            long id = ns.lastInodeId() + 1;
            core.commit(new NamespaceRecord.CreateFile(path.toString(), id, c.overwrite(), replication, blockSize,
                    c.mode() <= 0 ? 0644 : c.mode() & 07777, c.clientId(), Clock.nowNanos(), caller.uid(), caller.gid()));
            leases.add(c.clientId(), id, System.nanoTime());
            return ns.status(path.toString(), ns.byId(id));
        }
    }

    /**
     * Creates a file and allocates its first block under one hold of the lock: the two records go to
     * the journal together and the writer saves a round trip. A file closed empty drops the block
     * again (CloseFile keeps only the blocks it names).
     */
    public Reply.CreatedReply createWithBlock(Caller caller, ClientRequest.CreateWithBlock c) throws DfsException {
        synchronized (core.lock) {
            FileStatus status = create(caller, c.toCreate());
            LocatedBlock first;
            try {
                first = addBlock(new ClientRequest.AddBlock(c.path(), status.inodeId(), c.clientId(), 0, List.of()));
            } catch (NoSpaceException e) {
                first = null; // the writer's own AddBlock reports it, as for any later block
            }
            return new Reply.CreatedReply(status, first);
        }
    }

    public LocatedBlock addBlock(ClientRequest.AddBlock a) throws DfsException {
        synchronized (core.lock) {
            INodeFile file = writable(a.inodeId(), a.clientId(), a.path());
            leases.renew(a.clientId(), System.nanoTime());
            long offset = (long) a.index() * file.blockSize();
            if (a.index() < file.blocks().size()) {
                // a retried call: answer with the block already allocated; while nothing of it is
                // stored yet (a lost reply, or a writer that came back long after CreateWithBlock) with a
                // fresh pipeline, as its first one may hold servers gone since
                BlockInfo b = file.blocks().get(a.index());
                List<DataServerRef> refs = new ArrayList<>();
                if (a.index() == file.blocks().size() - 1 && b.replicaCount() == 0) {
                    for (DataServerDescriptor d : placement.chooseTargets(file.replication(), file.blockSize(),
                            servers.live(), a.excludeServers() == null ? Collections.emptySet()
                                    : new HashSet<>(a.excludeServers()))) {
                        refs.add(d.ref());
                    }
                    if (refs.isEmpty()) {
                        throw noTargets(servers, file.blockSize()); // as for a new block, not "no target"
                    }
                    b.pipeline(idsOf(refs));
                }
                return new LocatedBlock(b.toBlock(), offset, refs);
            }
            List<DataServerDescriptor> targets = placement.chooseTargets(file.replication(), file.blockSize(),
                    servers.live(), a.excludeServers() == null ? Collections.emptySet() : new HashSet<>(a.excludeServers()));
            if (targets.isEmpty()) {
                throw noTargets(servers, file.blockSize());
            }
            long blockId = ns.lastBlockId() + 1;
            core.commit(new NamespaceRecord.AddBlock(file.id(), a.index(), blockId, 1));
            List<DataServerRef> refs = new ArrayList<>(targets.size());
            for (DataServerDescriptor d : targets) {
                refs.add(d.ref());
            }
            BlockInfo allocated = blockMap.get(blockId);
            if (allocated != null) {
                allocated.pipeline(idsOf(refs));
            }
            LOG.debug("allocated block {} of {} on {}", blockId, a.path(), refs);
            return new LocatedBlock(new Block(blockId, 1, 0), offset, refs);
        }
    }

    static DfsException noTargets(DataServerRegistry servers, long blockSize) {
        if (servers.live().isEmpty()) {
            return new NoSpaceException(ErrorCode.NO_DATA_SERVERS, "no live data servers: start one with 'dfs dataserver'");
        }
        return new NoSpaceException(ErrorCode.NO_SPACE, "no data server has room for a block of " + blockSize
                + " bytes: the cluster is full");
    }

    /** Closes a file; false while some block has no finalized replica yet (the client retries). */
    public boolean complete(ClientRequest.Complete c) throws DfsException {
        synchronized (core.lock) {
            INode n = ns.byId(c.inodeId());
            if (n instanceof INodeFile f && !f.underConstruction() && sameBlocks(f, c.blocks())) {
                return true; // a retried complete whose first answer was lost
            }
            INodeFile file = writable(c.inodeId(), c.clientId(), c.path());
            for (int i = 0; i < c.blocks().size(); i++) {
                Block b = c.blocks().get(i);
                BlockInfo info = blockMap.get(b.id());
                if (info == null || info.replicaCount() == 0 && !storedOnPipeline(info, b, c.storedOn(i))) {
                    return false;
                }
            }
            core.commit(new NamespaceRecord.CloseFile(file.id(), c.blocks(),
                    Clock.mtimeAtCommit(c.lastWriteNanos(), c.lastWriteAgeNanos(), file.mtimeNanos(), Clock.nowNanos())));
            leases.remove(c.clientId(), file.id());
            return true;
        }
    }

    /**
     * The writer saw servers of the block's pipeline acknowledge it, which they do once it is durable
     * there: those servers count as its replicas now, as if they had reported it (their reports, which
     * follow, confirm it; HDFS's COMMITTED state). Only live servers of the block's current pipeline are
     * believed. False when none is: the close then waits for a report.
     */
    private boolean storedOnPipeline(BlockInfo info, Block b, List<String> claimed) {
        boolean any = false;
        for (String id : claimed) {
            DataServerDescriptor d = servers.get(id);
            if (d != null && d.isLive() && info.inPipeline(id) && blockMap.replicaReceived(id, b)) {
                any = true;
            }
        }
        return any;
    }

    private static List<String> idsOf(List<DataServerRef> refs) {
        List<String> ids = new ArrayList<>(refs.size());
        refs.forEach(r -> ids.add(r.id()));
        return ids;
    }

    private static boolean sameBlocks(INodeFile f, List<Block> blocks) {
        if (f.blocks().size() != blocks.size()) {
            return false;
        }
        for (int i = 0; i < blocks.size(); i++) {
            if (!f.blocks().get(i).toBlock().equals(blocks.get(i))) {
                return false;
            }
        }
        return true;
    }


    private INodeFile writable(long inodeId, String clientId, String path) throws DfsException {
        return writable(ns, leases, inodeId, clientId, path);
    }

    /**
     * The file {@code clientId} writes, while it holds its lease. A writer whose lease expired is refused
     * even though the file still names it: the name server recovers its last block meanwhile (bumping
     * the generation, taking the replicas over), and a writer going on would race that recovery.
     */
    static INodeFile writable(Namespace ns, LeaseManager leases, long inodeId, String clientId, String path)
            throws DfsException {
        if (!(ns.byId(inodeId) instanceof INodeFile f)) {
            throw new PathNotFoundException(path + " was deleted while being written");
        }
        if (!f.underConstruction() || !clientId.equals(f.writer())) {
            throw new LeaseConflictException("no lease on " + path + ": the file was closed, or another client holds it");
        }
        if (!leases.holds(clientId, f.id())) {
            throw new LeaseConflictException("the name server recovered " + path + " after the writer's lease expired"
                    + " (no renewal within the lease expiry): the file keeps what the data servers acknowledged;"
                    + " open it again to write more");
        }
        return f;
    }

    // ---- self-healing (issue 4) ----

    /**
     * Pipeline recovery: the writer lost the head of a block's pipeline. The block gets a new generation
     * (replicas of the old one are stale: dropped as locations, deleted where they are not rewritten).
     * With nothing acknowledged yet, the new pipeline is chosen afresh without the failed servers and the
     * writer sends the block again from its start. Otherwise it is the live servers of the old pipeline
     * that did not fail, which resume at the acknowledged length (the writer kept only what follows it),
     * followed by replacements for the lost ones (the writer has a survivor copy them the acknowledged
     * prefix first, or leaves them out); with no survivor the write cannot go on. Replicas still missing
     * are restored by re-replication once the file is closed.
     */
    public LocatedBlock recoverBlock(ClientRequest.RecoverBlock r) throws DfsException {
        synchronized (core.lock) {
            INodeFile file = writable(r.inodeId(), r.clientId(), r.path());
            leases.renew(r.clientId(), System.nanoTime());
            long offset = 0;
            BlockInfo block = null;
            for (BlockInfo b : file.blocks()) {
                if (b.id() == r.blockId()) {
                    block = b;
                    break;
                }
                offset += b.length();
            }
            if (block == null) {
                throw new DfsException(ErrorCode.INVALID_ARGUMENT, "block " + r.blockId() + " is not in " + r.path());
            }
            if (r.ackedLength() < 0 || r.ackedLength() > file.blockSize()) {
                throw new DfsException(ErrorCode.INVALID_ARGUMENT, "acknowledged length " + r.ackedLength()
                        + " of block " + r.blockId() + " is outside the block");
            }
            java.util.Set<String> failed = r.failedServers() == null ? Collections.emptySet() : new HashSet<>(r.failedServers());
            List<DataServerDescriptor> targets;
            List<String> dropped = new ArrayList<>();
            if (r.ackedLength() == 0) {
                targets = placement.chooseTargets(file.replication(), file.blockSize(), servers.live(), failed);
                if (targets.isEmpty()) {
                    throw noTargets(servers, file.blockSize());
                }
                if (r.pipeline() != null) {
                    dropped.addAll(r.pipeline()); // those not chosen again drop what they kept of the old generation
                }
            } else {
                targets = new ArrayList<>();
                for (String id : r.pipeline() == null ? List.<String>of() : r.pipeline()) {
                    DataServerDescriptor d = servers.get(id);
                    if (!failed.contains(id) && d != null && d.isLive()) {
                        targets.add(d);
                    } else {
                        dropped.add(id);
                    }
                }
                if (targets.isEmpty()) {
                    throw new UnavailableException("block " + r.blockId() + " of " + r.path() + " lost every server of its"
                            + " pipeline " + r.pipeline() + " after " + r.ackedLength() + " acknowledged bytes; the"
                            + " writer no longer holds them, so the write cannot go on");
                }
                // replacements for the lost servers, after the survivors: one of them copies them the prefix
                if (targets.size() < file.replication()) {
                    Set<String> exclude = new HashSet<>(failed);
                    targets.forEach(t -> exclude.add(t.id()));
                    targets.addAll(placement.chooseTargets(file.replication() - targets.size(), file.blockSize(),
                            servers.live(), exclude));
                }
            }
            long generation = block.generation() + 1;
            core.commit(new NamespaceRecord.BumpGeneration(file.id(), block.id(), generation));
            List<DataServerRef> refs = new ArrayList<>(targets.size());
            List<String> ids = new ArrayList<>(targets.size());
            for (DataServerDescriptor d : targets) {
                refs.add(d.ref());
                ids.add(d.id());
            }
            blockMap.generationChanged(block, ids, dropped);
            block.pipeline(ids);
            LOG.info("pipeline of block {} of {} recovered: generation {}, servers {} (failed: {}){}", block.id(),
                    r.path(), generation, ids, r.failedServers(),
                    r.ackedLength() > 0 ? ", resuming at " + r.ackedLength() + " bytes" : "");
            return new LocatedBlock(new Block(block.id(), generation, 0), offset, refs);
        }
    }
}
