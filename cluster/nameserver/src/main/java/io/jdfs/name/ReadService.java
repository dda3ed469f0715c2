package io.jdfs.name;

import io.jdfs.protocol.DfsPath;
import io.jdfs.name.blocks.BlockInfo;
import io.jdfs.name.blocks.BlockMap;
import io.jdfs.name.lease.ReadHolds;
import io.jdfs.name.namespace.INode;
import io.jdfs.name.namespace.INodeFile;
import io.jdfs.name.namespace.Namespace;
import io.jdfs.name.permission.Permissions;
import io.jdfs.protocol.Caller;
import io.jdfs.name.servers.DataServerDescriptor;
import io.jdfs.name.servers.DataServerRegistry;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.IsADirectoryException;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.PathNotFoundException;
import io.jdfs.protocol.StaleFileException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a file's blocks are, for readers. A reader opens a file once by path and then asks by inode
 * id only, so a path replaced mid-read (mv -f, upload -f) never splices two files: the name server
 * keeps the opened file's blocks while it is held (see {@link ReadHolds}). Runs under the namespace
 * lock shared with {@link NamespaceService}.
 */
public final class ReadService {
    /** Blocks in one answer; readers ask again further on. */
    public static final int MAX_LOCATED_BLOCKS = 1000;

    private final Object lock;
    private final Namespace ns;
    private final BlockMap blockMap;
    private final DataServerRegistry servers;
    private final ReadHolds holds;

    private final Permissions permissions;
    private AccessTimes accessTimes;

    ReadService(Object lock, Namespace ns, BlockMap blockMap, DataServerRegistry servers, long leaseExpiryMillis,
                Permissions permissions) {
        this.permissions = permissions;
        this.lock = lock;
        this.ns = ns;
        this.blockMap = blockMap;
        this.servers = servers;
        this.holds = new ReadHolds(leaseExpiryMillis);
        blockMap.retainBlocksOf(holds::isHeld);
    }

    /** Reads move access times (relatime); without this, they never do (noatime). */
    void accessTimes(AccessTimes a) {
        this.accessTimes = a;
    }

    /** Locations by path, without holding the file (stat, fsck, tools). */
    public Reply.BlockLocationsReply blockLocations(Caller caller, String p, long offset, long length)
            throws DfsException {
        DfsPath asked = DfsPath.of(p);
        synchronized (lock) {
            DfsPath path = ns.resolve(asked, true);
            permissions.traverse(caller, ns, path);
            return locate(asked.toString(), file(path), offset, length);
        }
    }

    /** Opens a file for reading: its first blocks, and a hold on its inode for this client. */
    public Reply.BlockLocationsReply openForRead(Caller caller, String p, String clientId) throws DfsException {
        DfsPath asked = DfsPath.of(p);
        checkClient(clientId);
        synchronized (lock) {
            DfsPath path = ns.resolve(asked, true);
            permissions.traverse(caller, ns, path);
            INodeFile file = file(path);
            permissions.check(caller, file, Permissions.READ, path);
            if (accessTimes != null) {
                accessTimes.read(file);
            }
            if (!holds.hold(clientId, file, System.nanoTime())) {
                throw new DfsException(ErrorCode.INVALID_ARGUMENT, "client " + clientId + " has "
                        + ReadHolds.MAX_PER_CLIENT + " files open for reading: close some first");
            }
            return locate(asked.toString(), file, 0, -1);
        }
    }

    /** More locations of an opened file: by inode id, so always the version that was opened. */
    public Reply.BlockLocationsReply locateOpened(long inodeId, String path, String clientId, long offset)
            throws DfsException {
        checkClient(clientId);
        synchronized (lock) {
            INodeFile file = holds.held(clientId, inodeId);
            if (file == null) {
                // the hold lapsed (lease expired, name server restarted): fine while the inode lives
                INode n = ns.byId(inodeId);
                if (!(n instanceof INodeFile f)) {
                    throw new StaleFileException(path + " was replaced or deleted while being read, and the"
                            + " version opened is gone: read it again");
                }
                holds.hold(clientId, f, System.nanoTime());
                file = f;
            }
            return locate(path, file, offset, -1);
        }
    }

    public void releaseRead(long inodeId, String clientId) {
        synchronized (lock) {
            INodeFile free = holds.release(clientId, inodeId);
            if (free != null) {
                blockMap.releaseRetained(free.id());
            }
        }
    }

    /** Called under the lock with the writers' lease renewal: one lease covers a client's reads too. */
    void renew(String clientId, long nowNanos) {
        holds.renew(clientId, nowNanos);
    }

    /** Called under the lock: holds of clients that vanished are dropped, and with them retained blocks. */
    void expire(long nowNanos) {
        for (INodeFile f : holds.expire(nowNanos)) {
            blockMap.releaseRetained(f.id());
        }
    }

    public int filesOpenForRead() {
        synchronized (lock) {
            return holds.files();
        }
    }

    private INodeFile file(DfsPath path) throws DfsException {
        INode n = ns.lookup(path);
        if (n == null) {
            throw new PathNotFoundException(path + ": no such file or directory");
        }
        if (!(n instanceof INodeFile file)) {
            throw new IsADirectoryException(path + " is a directory");
        }
        return file;
    }

    private static void checkClient(String clientId) throws DfsException {
        if (clientId == null || clientId.isBlank()) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "opening a file for reading needs a client id");
        }
    }

    private Reply.BlockLocationsReply locate(String path, INodeFile file, long offset, long length) {
        List<LocatedBlock> out = new ArrayList<>();
        long pos = 0;
        long end = length < 0 ? Long.MAX_VALUE : offset + length;
        for (BlockInfo b : file.blocks()) {
            long blockEnd = pos + b.length();
            if (blockEnd > offset && pos < end) {
                out.add(new LocatedBlock(b.toBlock(), pos, liveLocations(b)));
                if (out.size() == MAX_LOCATED_BLOCKS) {
                    break;
                }
            }
            pos = blockEnd;
            if (pos >= end) {
                break;
            }
        }
        return new Reply.BlockLocationsReply(ns.status(path, file), out);
    }

    private List<DataServerRef> liveLocations(BlockInfo b) {
        List<DataServerRef> refs = new ArrayList<>(2);
        for (String id : b.replicas()) {
            DataServerDescriptor d = servers.get(id);
            if (d != null && d.isLive()) {
                refs.add(d.ref());
            }
        }
        Collections.shuffle(refs);
        return refs;
    }
}
