package io.jdfs.name;

import io.jdfs.name.blocks.BlockInfo;
import io.jdfs.name.blocks.BlockMap;
import io.jdfs.name.lease.LeaseManager;
import io.jdfs.name.namespace.Clock;
import io.jdfs.name.namespace.INode;
import io.jdfs.name.namespace.INodeFile;
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
import io.jdfs.protocol.IndexedBlock;
import io.jdfs.protocol.IsADirectoryException;
import io.jdfs.protocol.LeaseConflictException;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.ClientRequest;
import io.jdfs.protocol.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;

/**
 * Writing into existing files (append, truncate, writes at any offset): the writer takes the file's
 * lease, writes every changed block as a new block, and swaps them in with one commit. Readers keep
 * reading the last committed version meanwhile; blocks swapped out stay while a reader holds them.
 */
public final class RewriteService {
    private static final Logger LOG = LoggerFactory.getLogger(RewriteService.class);

    private final NamespaceCore core;
    private final BlockMap blockMap;
    private final DataServerRegistry servers;
    private final BlockPlacementPolicy placement;
    private final LeaseManager leases;
    private final ReadService reads;

    RewriteService(NamespaceCore core, BlockMap blockMap, DataServerRegistry servers, BlockPlacementPolicy placement,
                   LeaseManager leases, ReadService reads) {
        this.core = core;
        this.blockMap = blockMap;
        this.servers = servers;
        this.placement = placement;
        this.leases = leases;
        this.reads = reads;
    }

    /** Takes the lease of an existing file; answers its status and first blocks (and holds it, as a reader). */
    public Reply.BlockLocationsReply openWrite(Caller caller, String p, String clientId) throws DfsException {
        if (clientId == null || clientId.isBlank()) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "opening a file for writing needs a client id");
        }
        synchronized (core.lock) {
            DfsPath path = core.resolve(p, true);
            INode n = core.existing(caller, path);
            if (n.isDirectory()) {
                throw new IsADirectoryException(path + " is a directory");
            }
            if (!(n instanceof INodeFile file)) {
                throw new DfsException(ErrorCode.NOT_SUPPORTED, path + " is not a regular file: it has no content to write");
            }
            core.permissions.check(caller, file, Permissions.WRITE, path);
            if (file.underConstruction() && !clientId.equals(file.writer())) {
                throw new LeaseConflictException(path + " is open for writing by " + file.writer()
                        + ": one writer at a time (the lease ends when that writer closes, or vanishes)");
            }
            if (!file.underConstruction()) {
                core.commit(new NamespaceRecord.ReopenFile(file.id(), clientId, Clock.nowNanos()));
                leases.add(clientId, file.id(), System.nanoTime());
            }
            return reads.locateOpened(file.id(), p, clientId, 0);
        }
    }

    /** A new block (not yet in the file) and the servers to write it to. */
    public LocatedBlock allocateBlock(ClientRequest.AllocateBlock a) throws DfsException {
        synchronized (core.lock) {
            INodeFile file = writable(a.inodeId(), a.clientId(), a.path());
            leases.renew(a.clientId(), System.nanoTime());
            List<DataServerDescriptor> targets = placement.chooseTargets(file.replication(), file.blockSize(),
                    servers.live(), a.excludeServers() == null ? Collections.emptySet() : new HashSet<>(a.excludeServers()));
            if (targets.isEmpty()) {
                throw WriteService.noTargets(servers, file.blockSize());
            }
            long blockId = core.ns.lastBlockId() + 1;
            core.commit(new NamespaceRecord.AllocateBlock(file.id(), blockId, 1));
            List<DataServerRef> refs = new ArrayList<>(targets.size());
            for (DataServerDescriptor d : targets) {
                refs.add(d.ref());
            }
            LOG.debug("allocated block {} to rewrite part of {} on {}", blockId, a.path(), refs);
            return new LocatedBlock(new Block(blockId, 1, 0), -1, refs);
        }
    }

    /** Swaps a writer's blocks in; false while a new block has no finalized replica reported yet. */
    public boolean commitWrite(ClientRequest.CommitWrite c) throws DfsException {
        synchronized (core.lock) {
            INode n = core.ns.byId(c.inodeId());
            if (c.close() && n instanceof INodeFile f && !f.underConstruction() && alreadyCommitted(f, c)) {
                return true; // a retried close whose first answer was lost
            }
            INodeFile file = writable(c.inodeId(), c.clientId(), c.path());
            leases.renew(c.clientId(), System.nanoTime());
            for (IndexedBlock b : c.changed()) {
                BlockInfo info = b.block().isHole() ? null : blockMap.get(b.block().id());
                if (info != null && info.replicaCount() == 0) {
                    return false;
                }
            }
            core.commit(new NamespaceRecord.CommitWrite(file.id(), c.blockCount(), c.changed(), c.close(),
                    Clock.mtimeAtCommit(c.lastWriteNanos(), c.lastWriteAgeNanos(), file.mtimeNanos(), Clock.nowNanos())));
            if (c.close()) {
                leases.remove(c.clientId(), file.id());
            }
            return true;
        }
    }

    private static boolean alreadyCommitted(INodeFile f, ClientRequest.CommitWrite c) {
        if (f.blocks().size() != c.blockCount()) {
            return false;
        }
        for (IndexedBlock b : c.changed()) {
            if (f.blocks().get(b.index()).id() != b.block().id()) {
                return false;
            }
        }
        return true;
    }

    private INodeFile writable(long inodeId, String clientId, String path) throws DfsException {
        return WriteService.writable(core.ns, leases, inodeId, clientId, path);
    }
}
