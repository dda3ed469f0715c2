package io.jdfs.name;

import io.jdfs.protocol.DfsPath;
import io.jdfs.protocol.TemporaryNames;
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
import io.jdfs.name.namespace.Xattrs;
import io.jdfs.name.placement.BlockPlacementPolicy;
import io.jdfs.name.servers.DataServerDescriptor;
import io.jdfs.name.servers.DataServerRegistry;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.ClusterEvent;
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

    private final Object lock = new Object();
    private final Namespace ns;
    private final NamespaceStateMachine machine;
    private final BlockMap blockMap;
    private final DataServerRegistry servers;
    private final BlockPlacementPolicy placement;
    private final LeaseManager leases;
    private final NameServerConfig config;
    private final RecordLog log;
    private final SafeMode safeMode;
    private final EventLog events;
    private final ReadService reads;

    public NamespaceService(Namespace ns, BlockMap blockMap, DataServerRegistry servers,
                            BlockPlacementPolicy placement, LeaseManager leases, NameServerConfig config,
                            RecordLog log, SafeMode safeMode, EventLog events) {
        this.events = events;
        this.reads = new ReadService(lock, ns, blockMap, servers, config.leaseExpiryMillis());
        this.log = log;
        this.safeMode = safeMode;
        this.ns = ns;
        this.machine = new NamespaceStateMachine(ns, blockMap);
        this.blockMap = blockMap;
        this.servers = servers;
        this.placement = placement;
        this.leases = leases;
        this.config = config;
    }

    /** Applies a record and appends it to the journal; callers answer only after {@link #durable()}. */
    private void commit(NamespaceRecord record) throws DfsException {
        safeMode.checkWritable();
        machine.apply(record);
        try {
            log.append(record);
        } catch (IOException e) {
            throw new DfsException(ErrorCode.INTERNAL, "the name server cannot write its journal: " + e.getMessage(), e);
        }
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

    /** Block locations for readers (by inode once opened), sharing this service's lock. */
    public ReadService reads() {
        return reads;
    }

    public FileStatus mkdirs(String p, int mode) throws DfsException {
        DfsPath path = DfsPath.of(p).checkCreatable();
        synchronized (lock) {
            INode existing = ns.lookup(path);
            if (existing == null) {
                commit(new NamespaceRecord.Mkdirs(path.toString(), mode & 07777, ns.lastInodeId() + 1, Clock.nowNanos()));
                existing = ns.lookup(path);
            } else if (!existing.isDirectory()) {
                throw new io.jdfs.protocol.PathExistsException(path + " exists and is not a directory");
            }
            return ns.status(path.toString(), existing);
        }
    }

    public FileStatus status(String p) {
        DfsPath path = DfsPath.of(p);
        synchronized (lock) {
            INode n = ns.lookup(path);
            return n == null ? null : ns.status(path.toString(), n);
        }
    }

    public Message.ListReply list(String p, String startAfter, int limit) throws DfsException {
        DfsPath path = DfsPath.of(p);
        int max = limit <= 0 ? Protocol.LIST_PAGE : Math.min(limit, Protocol.LIST_PAGE);
        synchronized (lock) {
            INode n = ns.lookup(path);
            if (n == null) {
                throw new PathNotFoundException(path + ": no such file or directory");
            }
            if (!(n instanceof INodeDirectory dir)) {
                return new Message.ListReply(List.of(ns.status(path.toString(), n)), false);
            }
            Map<String, INode> tail = startAfter == null || startAfter.isEmpty()
                    ? dir.children() : dir.children().tailMap(startAfter, false);
            List<FileStatus> out = new ArrayList<>(Math.min(max, tail.size()));
            String prefix = path.isRoot() ? "/" : path + "/";
            for (Map.Entry<String, INode> e : tail.entrySet()) {
                if (out.size() == max) {
                    return new Message.ListReply(out, true);
                }
                out.add(ns.status(prefix + e.getKey(), e.getValue()));
            }
            return new Message.ListReply(out, false);
        }
    }

    public boolean delete(String p, boolean recursive) throws DfsException {
        DfsPath path = DfsPath.of(p);
        synchronized (lock) {
            INode n = ns.lookup(path);
            if (n == null) {
                return false;
            }
            // leases of open files below are dropped at expiry: recovery skips deleted inodes
            commit(new NamespaceRecord.Delete(path.toString(), recursive, Clock.nowNanos()));
            return true;
        }
    }

    public void rename(String src, String dst, boolean overwrite) throws DfsException {
        DfsPath s = DfsPath.of(src);
        DfsPath d = DfsPath.of(dst).checkCreatable();
        synchronized (lock) {
            commit(new NamespaceRecord.Rename(s.toString(), d.toString(), overwrite, Clock.nowNanos()));
        }
    }

    public void setTimes(String p, long mtime, long atime) throws DfsException {
        synchronized (lock) {
            commit(new NamespaceRecord.SetTimes(DfsPath.of(p).toString(), mtime, atime, Clock.nowNanos()));
        }
    }

    public void setMode(String p, int mode) throws DfsException {
        synchronized (lock) {
            commit(new NamespaceRecord.SetMode(DfsPath.of(p).toString(), mode, Clock.nowNanos()));
        }
    }

    public java.util.SortedMap<String, byte[]> xattrs(String p) throws DfsException {
        DfsPath path = DfsPath.of(p);
        synchronized (lock) {
            INode n = ns.lookup(path);
            if (n == null) {
                throw new PathNotFoundException(path + ": no such file or directory");
            }
            return new java.util.TreeMap<>(n.xattrs());
        }
    }

    public void setXattr(String p, String name, byte[] value, int flag) throws DfsException {
        Xattrs.check(name, value == null ? new byte[0] : value);
        synchronized (lock) {
            commit(new NamespaceRecord.SetXattr(DfsPath.of(p).toString(), name, value == null ? new byte[0] : value,
                    flag, Clock.nowNanos()));
        }
    }

    public void removeXattr(String p, String name) throws DfsException {
        Xattrs.check(name, null);
        synchronized (lock) {
            commit(new NamespaceRecord.RemoveXattr(DfsPath.of(p).toString(), name, Clock.nowNanos()));
        }
    }

    /**
     * Sets the replication of a file, or of every file below a directory (one journal record per
     * file); returns how many files changed. The replication monitor then copies or trims replicas.
     */
    public int setReplication(String p, int replication) throws DfsException {
        if (replication < 1 || replication > MAX_REPLICATION) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "replication must be between 1 and " + MAX_REPLICATION);
        }
        DfsPath path = DfsPath.of(p);
        synchronized (lock) {
            INode n = ns.lookup(path);
            if (n == null) {
                throw new PathNotFoundException(path + ": no such file or directory");
            }
            List<String> files = new ArrayList<>();
            collectFiles(path, n, files);
            for (String f : files) {
                commit(new NamespaceRecord.SetReplication(f, replication, Clock.nowNanos()));
            }
            return files.size();
        }
    }

    private static void collectFiles(DfsPath path, INode n, List<String> out) {
        if (n instanceof INodeFile) {
            out.add(path.toString());
        } else if (n instanceof INodeDirectory d) {
            for (Map.Entry<String, INode> e : d.children().entrySet()) {
                collectFiles(path.child(e.getKey()), e.getValue(), out);
            }
        }
    }

    public FileStatus create(Message.Create c) throws DfsException {
        DfsPath path = DfsPath.of(c.path()).checkCreatable();
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
            if (path.isRoot()) {
                throw new IsADirectoryException("/ is a directory");
            }
            INode existing = ns.lookup(path);
            if (existing instanceof INodeFile f && f.underConstruction()) {
                throw new LeaseConflictException(path + " is being written by another client");
            }
            if (ns.lookup(path.parent()) == null) {
                commit(new NamespaceRecord.Mkdirs(path.parent().toString(), Namespace.DEFAULT_DIR_MODE,
                        ns.lastInodeId() + 1, Clock.nowNanos()));
            }
            long id = ns.lastInodeId() + 1;
            commit(new NamespaceRecord.CreateFile(path.toString(), id, c.overwrite(), replication, blockSize,
                    c.mode() <= 0 ? 0644 : c.mode() & 07777, c.clientId(), Clock.nowNanos()));
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

    /**
     * Recovers the files of writers whose lease expired. A hidden upload temporary is deleted (the
     * upload never finished, the target keeps its old content); any other file is closed at its last
     * block with a finalized replica, later blocks dropped. Both are logged as events. Read holds of
     * vanished clients are dropped too.
     */
    public void recoverExpiredLeases() {
        synchronized (lock) {
            reads.expire(System.nanoTime());
        }
        if (safeMode.isOn()) {
            return; // replica counts are incomplete: recovery would cut files short
        }
        synchronized (lock) {
            for (LeaseManager.Expired expired : leases.takeExpired(System.nanoTime())) {
                if (!(ns.byId(expired.inodeId()) instanceof INodeFile f) || !f.underConstruction()) {
                    continue;
                }
                DfsPath path = ns.pathOf(f.id());
                try {
                    if (path != null && TemporaryNames.isTemporary(path.name())) {
                        commit(new NamespaceRecord.Delete(path.toString(), false, Clock.nowNanos()));
                        String what = "upload by " + expired.holder() + " abandoned: temporary " + path
                                + " deleted, " + f.length() + " bytes discarded";
                        LOG.info(what);
                        events.add(ClusterEvent.Kind.UPLOAD_ABANDONED, path.toString(), what);
                    } else {
                        closeAbandoned(f, path, expired.holder());
                    }
                } catch (DfsException e) {
                    LOG.warn("lease recovery of {} failed: {}", path, e.getMessage());
                }
            }
        }
    }

    private void closeAbandoned(INodeFile f, DfsPath path, String holder) throws DfsException {
        List<Block> keep = new ArrayList<>();
        long length = 0;
        for (BlockInfo b : f.blocks()) {
            if (b.replicaCount() == 0) {
                break;
            }
            keep.add(b.toBlock());
            length += b.length();
        }
        int written = f.blocks().size();
        commit(new NamespaceRecord.CloseFile(f.id(), keep, Clock.nowNanos()));
        String what = "writer " + holder + " vanished: " + path + " closed at " + length + " bytes (" + keep.size()
                + " of " + written + " blocks had reached a data server)";
        LOG.info(what);
        events.add(ClusterEvent.Kind.LEASE_RECOVERED, String.valueOf(path), what);
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
