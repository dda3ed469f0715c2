package io.jdfs.name;

import io.jdfs.protocol.DfsPath;
import io.jdfs.name.events.EventLog;
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
import io.jdfs.name.servers.DataServerRegistry;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.PathNotFoundException;
import io.jdfs.protocol.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The client-facing namespace operations. Checks a request, turns it into a {@link NamespaceRecord}
 * and applies it; reads take the same lock, so every reader sees whole records only.
 */
public final class NamespaceService {
    private static final Logger LOG = LoggerFactory.getLogger(NamespaceService.class);

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
    private final BlockRecovery blockRecovery;
    private final RewriteService rewrites;
    private final WriteService writes;

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
        this.blockRecovery = new BlockRecovery(core, blockMap, servers,
                Math.max(2_000, 4 * config.heartbeatIntervalMillis()));
        this.recovery = new LeaseRecovery(core, leases, reads, safeMode, events, blockRecovery);
        this.rewrites = new RewriteService(core, blockMap, servers, placement, leases, reads);
        this.writes = new WriteService(core, blockMap, servers, placement, leases, config);
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

    /** Whether the journal still takes changes, and whether memory holds changes it lost. */
    public io.jdfs.name.journal.JournalHealth journalHealth() {
        return core.health;
    }

    /** Completes once every change made so far is on disk (group commit: callers share fsyncs). */
    public CompletableFuture<Void> durable() {
        return log.syncAll().exceptionallyCompose(e -> {
            Throwable c = io.jdfs.protocol.Errors.unwrap(e);
            String state = core.health.describe();
            return CompletableFuture.failedFuture(new DfsException(io.jdfs.protocol.ErrorCode.READ_ONLY,
                    "the change is not on disk (" + c.getMessage() + ")" + (state == null ? "" : ": the name server is " + state), c));
        });
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

    /** Writing new files: create, blocks in order, complete, pipeline recovery. */
    public WriteService writes() {
        return writes;
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
                core.checkCanCreateBelow(caller, path);
                commit(new NamespaceRecord.Mkdirs(path.toString(), mode & 07777, ns.lastInodeId() + 1, Clock.nowNanos(),
                        caller.uid(), caller.gid()));
                existing = ns.lookup(path);
            } else if (!existing.isDirectory()) {
                throw new io.jdfs.protocol.PathExistsException(path + " exists and is not a directory");
            }
            return ns.status(path.toString(), existing);
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

    public Reply.ListReply list(Caller caller, String p, String startAfter, int limit) throws DfsException {
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
                return new Reply.ListReply(List.of(ns.status(path.toString(), n)), false);
            }
            Map<String, INode> tail = startAfter == null || startAfter.isEmpty()
                    ? dir.children() : dir.children().tailMap(startAfter, false);
            List<FileStatus> out = new ArrayList<>(Math.min(max, tail.size()));
            String prefix = asked.isRoot() ? "/" : asked + "/"; // entries named under the path asked for
            for (Map.Entry<String, INode> e : tail.entrySet()) {
                if (out.size() == max) {
                    return new Reply.ListReply(out, true);
                }
                out.add(ns.status(prefix + e.getKey(), e.getValue()));
            }
            return new Reply.ListReply(out, false);
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

    public void renewLease(String clientId) {
        synchronized (lock) {
            long now = System.nanoTime();
            leases.renew(clientId, now);
            reads.renew(clientId, now);
        }
    }

    /** The recoveries of vanished writers' last blocks: their commands go out in heartbeat replies. */
    BlockRecovery blockRecovery() {
        return blockRecovery;
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


}
