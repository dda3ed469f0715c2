package io.jdfs.name;

import io.jdfs.protocol.DfsPath;
import io.jdfs.name.events.EventLog;
import io.jdfs.name.blocks.BlockInfo;
import io.jdfs.name.blocks.BlockMap;
import io.jdfs.name.journal.MetadataStore;
import io.jdfs.name.journal.RecordLog;
import io.jdfs.name.safemode.SafeMode;
import io.jdfs.name.lease.LeaseManager;
import io.jdfs.name.namespace.Clock;
import io.jdfs.name.namespace.INode;
import io.jdfs.name.namespace.INodeDirectory;
import io.jdfs.name.namespace.INodeFile;
import io.jdfs.name.namespace.Namespace;
import io.jdfs.name.namespace.NamespaceRecord;
import io.jdfs.name.namespace.NamespaceStateMachine;
import io.jdfs.name.permission.Permissions;
import io.jdfs.protocol.Caller;
import io.jdfs.name.placement.BlockPlacementPolicy;
import io.jdfs.name.servers.DataServerDescriptor;
import io.jdfs.name.servers.DataServerRegistry;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.IsADirectoryException;
import io.jdfs.protocol.LeaseConflictException;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.Message;
import io.jdfs.protocol.NoSpaceException;
import io.jdfs.protocol.PathNotFoundException;
import io.jdfs.protocol.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The client-facing namespace operations. Checks a request, turns it into a {@link NamespaceRecord}
 * and applies it; reads take the same lock, so every reader sees whole records only.
 */
public final class NamespaceService {
    private static final Logger LOG = LoggerFactory.getLogger(NamespaceService.class);
    public static final int MAX_REPLICATION = 32;
    public static final long MIN_BLOCK_SIZE = Protocol.CHUNK_SIZE;
    public static final long MAX_BLOCK_SIZE = 1L << 30;

    private final NamespaceCore core;
    private final Object lock;
    private final Namespace ns;
    private final BlockMap blockMap;
    private final DataServerRegistry servers;
    private final BlockPlacementPolicy placement;
    private final LeaseManager leases;
    private final NameServerConfig config;
    private final RecordLog log;
    private final SafeMode safeMode;
    private final EventLog events;
    private final ReadService reads;
    private final Permissions permissions;
    private final AttributeService attributes;
    private final LinkService links;
    private final LeaseRecovery recovery;
    private final RewriteService rewrites;

    public NamespaceService(Namespace ns, BlockMap blockMap, DataServerRegistry servers,
                            BlockPlacementPolicy placement, LeaseManager leases, NameServerConfig config,
                            RecordLog log, SafeMode safeMode, EventLog events, Permissions permissions) {
        this.core = new NamespaceCore(ns, new NamespaceStateMachine(ns, blockMap), log, safeMode, permissions);
        this.lock = core.lock;
        this.events = events;
        this.permissions = permissions;
        this.reads = new ReadService(lock, ns, blockMap, servers, config.leaseExpiryMillis(), permissions);
        this.attributes = new AttributeService(core);
        this.links = new LinkService(core);
        this.recovery = new LeaseRecovery(core, leases, reads, safeMode, events);
        this.rewrites = new RewriteService(core, blockMap, servers, placement, leases, reads);
        if (config.access().atime()) {
            reads.accessTimes(new AccessTimes(core));
        }
        this.log = log;
        this.safeMode = safeMode;
        this.ns = ns;
        this.blockMap = blockMap;
        this.servers = servers;
        this.placement = placement;
        this.leases = leases;
        this.config = config;
    }

    private void commit(NamespaceRecord record) throws DfsException {
        core.commit(record);
    }

    /** Completes once every change made so far is on disk (group commit: callers share fsyncs). */
    public CompletableFuture<Void> durable() {
        return log.syncAll();
    }

    /** Writes a checkpoint consistent with the journal position. */
    public void checkpoint(MetadataStore store) throws IOException {
        synchronized (lock) {
            store.checkpoint(ns);
        }
    }

    /** Leases of files that were open when the name server stopped: their writers get one expiry to return. */
    public void restoreLeases() {
        synchronized (lock) {
            long now = System.nanoTime();
            ns.forEachOpenFile((writer, id) -> leases.restore(writer, id, now));
        }
    }

    public SafeMode safeMode() {
        return safeMode;
    }

    /** Times, modes, owners, extended attributes and replication of existing inodes. */
    public AttributeService attributes() {
        return attributes;
    }

    /** Symbolic links and special files. */
    public LinkService links() {
        return links;
    }

    /** Writes into existing files: reopen, copy-on-write blocks, commit. */
    public RewriteService rewrites() {
        return rewrites;
    }

    /** Block locations for readers (by inode once opened), sharing this service's lock. */
    public ReadService reads() {
        return reads;
    }

    public FileStatus mkdirs(Caller caller, String p, int mode) throws DfsException {
        synchronized (lock) {
            // mkdir never creates through a final symlink (EEXIST); an existing directory, even
            // behind a link, is fine for "mkdir -p"
            DfsPath path = core.resolve(p, false).checkCreatable();
            if (ns.lookup(path) instanceof io.jdfs.name.namespace.INodeSymlink) {
                DfsPath target = core.resolve(p, true);
                if (!(ns.lookup(target) instanceof INodeDirectory)) {
                    throw new io.jdfs.protocol.PathExistsException(path + " exists and is not a directory");
                }
                path = target;
            }
            permissions.traverse(caller, ns, path);
            INode existing = ns.lookup(path);
            if (existing == null) {
                checkCanCreateBelow(caller, path);
                commit(new NamespaceRecord.Mkdirs(path.toString(), mode & 07777, ns.lastInodeId() + 1, Clock.nowNanos(),
                        caller.uid(), caller.gid()));
                existing = ns.lookup(path);
            } else if (!existing.isDirectory()) {
                throw new io.jdfs.protocol.PathExistsException(path + " exists and is not a directory");
            }
            return ns.status(path.toString(), existing);
        }
    }

    /** Creating {@code path} and missing parents: write and search on the deepest directory that exists. */
    private void checkCanCreateBelow(Caller caller, DfsPath path) throws DfsException {
        DfsPath existing = path.parent();
        while (ns.lookup(existing) == null) {
            existing = existing.parent();
        }
        INode dir = ns.lookup(existing);
        if (dir instanceof INodeDirectory) {
            permissions.check(caller, dir, Permissions.WRITE | Permissions.EXECUTE, existing);
        }
    }

    public FileStatus status(Caller caller, String p) throws DfsException {
        return status(caller, p, true);
    }

    /** stat (follows a final symlink) or lstat (does not). The status keeps the path asked for. */
    public FileStatus status(Caller caller, String p, boolean followLast) throws DfsException {
        DfsPath asked = DfsPath.of(p);
        synchronized (lock) {
            DfsPath path = core.resolve(p, followLast);
            permissions.traverse(caller, ns, path);
            INode n = ns.lookup(path);
            return n == null ? null : ns.status(asked.toString(), n);
        }
    }

    public Message.ListReply list(Caller caller, String p, String startAfter, int limit) throws DfsException {
        DfsPath asked = DfsPath.of(p);
        int max = limit <= 0 ? Protocol.LIST_PAGE : Math.min(limit, Protocol.LIST_PAGE);
        synchronized (lock) {
            DfsPath path = core.resolve(p, true);
            permissions.traverse(caller, ns, path);
            INode n = ns.lookup(path);
            if (n == null) {
                throw new PathNotFoundException(path + ": no such file or directory");
            }
            if (n instanceof INodeDirectory) {
                permissions.check(caller, n, Permissions.READ, path);
            }
            if (!(n instanceof INodeDirectory dir)) {
                return new Message.ListReply(List.of(ns.status(path.toString(), n)), false);
            }
            Map<String, INode> tail = startAfter == null || startAfter.isEmpty()
                    ? dir.children() : dir.children().tailMap(startAfter, false);
            List<FileStatus> out = new ArrayList<>(Math.min(max, tail.size()));
            String prefix = asked.isRoot() ? "/" : asked + "/"; // entries named under the path asked for
            for (Map.Entry<String, INode> e : tail.entrySet()) {
                if (out.size() == max) {
                    return new Message.ListReply(out, true);
                }
                out.add(ns.status(prefix + e.getKey(), e.getValue()));
            }
            return new Message.ListReply(out, false);
        }
    }

    public boolean delete(Caller caller, String p, boolean recursive) throws DfsException {
        synchronized (lock) {
            DfsPath path = core.resolve(p, false); // rm removes a link, not what it points to
            permissions.traverse(caller, ns, path);
            INode n = ns.lookup(path);
            if (n == null) {
                return false;
            }
            permissions.checkParentWritable(caller, ns, path);
            permissions.checkSticky(caller, ns, path);
            if (recursive) {
                permissions.checkTreeRemovable(caller, n, path);
            }
            // leases of open files below are dropped at expiry: recovery skips deleted inodes
            commit(new NamespaceRecord.Delete(path.toString(), recursive, Clock.nowNanos()));
            return true;
        }
    }

    public void rename(Caller caller, String src, String dst, boolean overwrite) throws DfsException {
        synchronized (lock) {
            DfsPath s = core.resolve(src, false);
            DfsPath d = core.resolve(dst, false).checkCreatable();
            permissions.checkParentWritable(caller, ns, s);
            permissions.checkSticky(caller, ns, s);
            permissions.checkParentWritable(caller, ns, d);
            permissions.checkSticky(caller, ns, d);
            commit(new NamespaceRecord.Rename(s.toString(), d.toString(), overwrite, Clock.nowNanos()));
        }
    }

    /** renameat2(RENAME_EXCHANGE): both names must exist; each ends up naming the other's inode. */
    public void exchange(Caller caller, String first, String second) throws DfsException {
        synchronized (lock) {
            DfsPath a = core.resolve(first, false);
            DfsPath b = core.resolve(second, false);
            for (DfsPath p : List.of(a, b)) {
                permissions.traverse(caller, ns, p);
                permissions.checkParentWritable(caller, ns, p);
                permissions.checkSticky(caller, ns, p);
            }
            commit(new NamespaceRecord.Exchange(a.toString(), b.toString(), Clock.nowNanos()));
        }
    }

    public FileStatus create(Caller caller, Message.Create c) throws DfsException {
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
        synchronized (lock) {
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
                checkCanCreateBelow(caller, path.parent());
                commit(new NamespaceRecord.Mkdirs(path.parent().toString(), Namespace.DEFAULT_DIR_MODE,
                        ns.lastInodeId() + 1, Clock.nowNanos(), caller.uid(), caller.gid()));
            }
            permissions.checkParentWritable(caller, ns, path);
            if (existing != null) {
                permissions.checkSticky(caller, ns, path);
            }
            long id = ns.lastInodeId() + 1;
            commit(new NamespaceRecord.CreateFile(path.toString(), id, c.overwrite(), replication, blockSize,
                    c.mode() <= 0 ? 0644 : c.mode() & 07777, c.clientId(), Clock.nowNanos(), caller.uid(), caller.gid()));
            leases.add(c.clientId(), id, System.nanoTime());
            return ns.status(path.toString(), ns.byId(id));
        }
    }

    public LocatedBlock addBlock(Message.AddBlock a) throws DfsException {
        synchronized (lock) {
            INodeFile file = writable(a.inodeId(), a.clientId(), a.path());
            leases.renew(a.clientId(), System.nanoTime());
            long offset = (long) a.index() * file.blockSize();
            if (a.index() < file.blocks().size()) {
                // a retried call: answer with the block already allocated
                BlockInfo b = file.blocks().get(a.index());
                return new LocatedBlock(b.toBlock(), offset, List.of());
            }
            List<DataServerDescriptor> targets = placement.chooseTargets(file.replication(), file.blockSize(),
                    servers.live(), a.excludeServers() == null ? Collections.emptySet() : new HashSet<>(a.excludeServers()));
            if (targets.isEmpty()) {
                throw noTargets(file.blockSize());
            }
            long blockId = ns.lastBlockId() + 1;
            commit(new NamespaceRecord.AddBlock(file.id(), a.index(), blockId, 1));
            List<DataServerRef> refs = new ArrayList<>(targets.size());
            for (DataServerDescriptor d : targets) {
                refs.add(d.ref());
            }
            LOG.debug("allocated block {} of {} on {}", blockId, a.path(), refs);
            return new LocatedBlock(new Block(blockId, 1, 0), offset, refs);
        }
    }

    private DfsException noTargets(long blockSize) {
        if (servers.live().isEmpty()) {
            return new NoSpaceException(ErrorCode.NO_DATA_SERVERS, "no live data servers: start one with 'dfs dataserver'");
        }
        return new NoSpaceException(ErrorCode.NO_SPACE, "no data server has room for a block of " + blockSize
                + " bytes: the cluster is full");
    }

    /** Closes a file; false while some block has no finalized replica yet (the client retries). */
    public boolean complete(Message.Complete c) throws DfsException {
        synchronized (lock) {
            INode n = ns.byId(c.inodeId());
            if (n instanceof INodeFile f && !f.underConstruction() && sameBlocks(f, c.blocks())) {
                return true; // a retried complete whose first answer was lost
            }
            INodeFile file = writable(c.inodeId(), c.clientId(), c.path());
            for (Block b : c.blocks()) {
                BlockInfo info = blockMap.get(b.id());
                if (info == null || info.replicaCount() == 0) {
                    return false;
                }
            }
            commit(new NamespaceRecord.CloseFile(file.id(), c.blocks(), Clock.nowNanos()));
            leases.remove(c.clientId(), file.id());
            return true;
        }
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

    public void renewLease(String clientId) {
        synchronized (lock) {
            long now = System.nanoTime();
            leases.renew(clientId, now);
            reads.renew(clientId, now);
        }
    }

    /** Recovers the files of writers whose lease expired, and drops read holds of vanished clients. */
    public void recoverExpiredLeases() {
        recovery.run(System.nanoTime());
    }

    /** Whether a file is open for writing by a writer that renewed its lease since this name server started. */
    public boolean writerActive(long inodeId) {
        synchronized (lock) {
            return ns.byId(inodeId) instanceof INodeFile f && f.underConstruction() && leases.confirmed(f.writer());
        }
    }

    /** Blocks of replaced or deleted files kept because readers still hold them. */
    public int retainedBlocks() {
        return blockMap.retainedBlocks();
    }

    public long[] counts() {
        synchronized (lock) {
            return new long[]{ns.files(), ns.directories(), blockMap.size()};
        }
    }

    private INodeFile writable(long inodeId, String clientId, String path) throws DfsException {
        INode n = ns.byId(inodeId);
        if (!(n instanceof INodeFile f)) {
            throw new PathNotFoundException(path + " was deleted while being written");
        }
        if (!f.underConstruction() || !clientId.equals(f.writer())) {
            throw new LeaseConflictException("no lease on " + path + ": the file was closed, or another client holds it");
        }
        return f;
    }

    // ---- self-healing (issue 4) ----

    /**
     * Pipeline recovery: the writer lost the head of a block's pipeline. The block gets a new generation
     * (replicas of the old one are stale: dropped as locations, deleted where they are not rewritten)
     * and a new pipeline without the failed servers, to which the writer sends the block again.
     */
    public LocatedBlock recoverBlock(Message.RecoverBlock r) throws DfsException {
        synchronized (lock) {
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
            List<DataServerDescriptor> targets = placement.chooseTargets(file.replication(), file.blockSize(),
                    servers.live(), r.failedServers() == null ? Collections.emptySet() : new HashSet<>(r.failedServers()));
            if (targets.isEmpty()) {
                throw noTargets(file.blockSize());
            }
            long generation = block.generation() + 1;
            commit(new NamespaceRecord.BumpGeneration(file.id(), block.id(), generation));
            List<DataServerRef> refs = new ArrayList<>(targets.size());
            List<String> ids = new ArrayList<>(targets.size());
            for (DataServerDescriptor d : targets) {
                refs.add(d.ref());
                ids.add(d.id());
            }
            blockMap.generationChanged(block, ids);
            LOG.info("pipeline of block {} of {} recovered: generation {}, servers {} (failed: {})", block.id(),
                    r.path(), generation, ids, r.failedServers());
            return new LocatedBlock(new Block(block.id(), generation, 0), offset, refs);
        }
    }
}
