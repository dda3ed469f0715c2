package io.jdfs.client;

import io.jdfs.client.internal.BlockReader;
import io.jdfs.rpc.DataConnections;
import io.jdfs.protocol.DfsPath;
import io.jdfs.protocol.TemporaryNames;
import io.jdfs.rpc.ClusterIdentity;
import io.jdfs.rpc.tls.Tls;
import io.jdfs.protocol.ClusterStatus;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.ClientRequest;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.PathNotFoundException;
import io.jdfs.protocol.Protocol;
import io.jdfs.rpc.RpcClient;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The JDFS client: the one API every front end (shell, FUSE, WebDAV, console) uses. Metadata calls
 * go to the name server; bytes go straight to data servers. Thread-safe; open one per process and share it.
 */
public final class DfsClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DfsClient.class);

    private final ClientConfig config;
    private final String clientId = ClientIds.next();
    private final RpcClient rpc;
    private final NameServerCalls calls;
    private final DataConnections data;
    private final BlockReader reader;
    private final StreamCalls streams;
    private final ClusterAdmin admin;
    private final ScheduledExecutorService leaseRenewer;
    private final ClusterIdentity identity;

    private DfsClient(ClientConfig config) throws IOException {
        this.config = config;
        this.identity = new ClusterIdentity(() -> "", config.secret(), ClientLogin.claimedCaller(config),
                config.tls() == null ? null : Tls.of(config.tls()));
        this.rpc = new RpcClient(config.nameServer().host(), config.nameServer().port(), Protocol.ROLE_CLIENT, identity,
                config.rpcTimeoutMillis());
        this.calls = new NameServerCalls(rpc, config.safeModeWaitMillis());
        this.data = new DataConnections(identity);
        this.reader = new BlockReader(data, (blockId, server) -> rpc.call(new ClientRequest.ReportBadReplica(blockId, server)));
        this.streams = new StreamCalls(rpc, calls, data, reader, clientId);
        this.admin = new ClusterAdmin(calls);
        this.leaseRenewer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("jdfs-lease", true));
        leaseRenewer.scheduleWithFixedDelay(streams::renewLease, config.leaseRenewMillis(), config.leaseRenewMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Connects to a name server given as "host:port" (port 9000 when omitted). */
    public static DfsClient connect(String nameServer) throws IOException {
        return connect(ClientConfig.of(nameServer));
    }

    /**
     * Connects and checks that the name server answers: one attempt, so a wrong address or a stopped
     * server fails at once with one sentence (later calls retry through brief outages).
     */
    public static DfsClient connect(ClientConfig config) throws IOException {
        DfsClient c = new DfsClient(config);
        try {
            new ClientLogin(c.calls, c.identity, c.leaseRenewer).logIn(config.login());
            c.calls.call(new ClientRequest.GetClusterStatus(), Reply.ClusterStatusReply.class);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    public String nameServer() {
        return rpc.address();
    }

    /** The login token this client presents (after a login with a password), or null; to save for later. */
    public String loginToken() {
        return identity.loginToken();
    }

    // ---- metadata ----------------------------------------------------------------------------

    /** The status of a path; {@link PathNotFoundException} when it does not exist. */
    public FileStatus stat(String path) throws IOException {
        FileStatus s = statOrNull(path);
        if (s == null) {
            throw new PathNotFoundException(DfsPath.of(path) + ": no such file or directory");
        }
        return s;
    }

    /** The status of a path, or null when it does not exist. */
    public FileStatus statOrNull(String path) throws IOException {
        return calls.idempotent(new ClientRequest.GetStatus(DfsPath.of(path).toString()), Reply.StatusReply.class).status();
    }

    public boolean exists(String path) throws IOException {
        return statOrNull(path) != null;
    }

    /** mkdir -p: creates a directory and any missing parents (mode 0777 less the umask); fine when it exists. */
    public FileStatus mkdirs(String path) throws IOException {
        return mkdirs(path, 0777);
    }

    public FileStatus mkdirs(String path, int mode) throws IOException {
        return calls.idempotent(new ClientRequest.Mkdirs(DfsPath.of(path).checkCreatable().toString(), masked(mode)),
                Reply.StatusReply.class).status();
    }

    /** Lists a directory in name order, fetching it page by page as the iterator advances. */
    public Iterator<FileStatus> listIterator(String path) throws IOException {
        return listIterator(path, null);
    }

    /** Lists the entries after {@code startAfter} (null: from the first), page by page: for paged views. */
    public Iterator<FileStatus> listIterator(String path, String startAfter) throws IOException {
        return new DirectoryPages(calls, DfsPath.of(path).toString(), startAfter);
    }

    /** Lists a whole directory (a file lists as itself). */
    public List<FileStatus> list(String path) throws IOException {
        List<FileStatus> out = new ArrayList<>();
        try {
            listIterator(path).forEachRemaining(out::add);
            return out;
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Deletes a file or directory (a non-empty one only when recursive); false when it did not exist. */
    public boolean delete(String path, boolean recursive) throws IOException {
        return calls.call(new ClientRequest.Delete(DfsPath.of(path).toString(), recursive), Reply.BoolReply.class).value();
    }

    /**
     * Deletes many paths at once (rm of many files): several requests in flight on this client's one
     * connection, so the name server commits them to its journal together, one fsync for many, instead
     * of one round trip and one fsync each. Each path gets its own result, in the order given: a path
     * that is not there, or that fails, does not stop the others. Each delete is applied in that order
     * and answered only once it is in the journal on disk, as {@link #delete} is.
     */
    public List<DeleteResult> deleteAll(java.util.Collection<String> paths, boolean recursive) throws IOException {
        return new BulkDeletes(rpc, calls).deleteAll(paths, recursive);
    }

    /**
     * Renames atomically. With {@code overwrite}, a file replaces a file and a directory an empty
     * directory; a non-empty directory is never replaced.
     */
    public void rename(String source, String target, boolean overwrite) throws IOException {
        calls.call(new ClientRequest.Rename(DfsPath.of(source).toString(), DfsPath.of(target).checkCreatable().toString(), overwrite),
                Reply.Ok.class);
    }

    /** Swaps two existing names atomically (renameat2's RENAME_EXCHANGE), files or directories. */
    public void exchange(String first, String second) throws IOException {
        calls.call(new ClientRequest.Exchange(DfsPath.of(first).toString(), DfsPath.of(second).toString()), Reply.Ok.class);
    }

    /** New files and directories: the mode asked for, less the umask (setuid, setgid and sticky kept). */
    private int masked(int mode) {
        return mode & ~config.umask() & 07777;
    }

    /** chown/chgrp: -1 keeps a value. Only the superuser gives a file away; an owner may pick one of its groups. */
    public void setOwner(String path, int uid, int gid) throws IOException {
        setOwner(path, uid, gid, true);
    }

    /** chown ({@code followLinks}) or lchown (not): a final symlink itself, as the kernel asks a FUSE mount. */
    public void setOwner(String path, int uid, int gid, boolean followLinks) throws IOException {
        calls.idempotent(new ClientRequest.SetOwner(DfsPath.of(path).toString(), uid, gid, !followLinks), Reply.Ok.class);
    }

    /** lstat: the status of a path without following a final symbolic link. */
    public FileStatus linkStatus(String path) throws IOException {
        FileStatus s = calls.idempotent(new ClientRequest.GetLinkStatus(DfsPath.of(path).toString()), Reply.StatusReply.class).status();
        if (s == null) {
            throw new PathNotFoundException(DfsPath.of(path) + ": no such file or directory");
        }
        return s;
    }

    /** ln -s: a link at {@code link} to {@code target} (absolute, or relative to the link's directory). */
    public FileStatus symlink(String target, String link) throws IOException {
        return calls.call(new ClientRequest.CreateSymlink(target, DfsPath.of(link).checkCreatable().toString()),
                Reply.StatusReply.class).status();
    }

    /** ln EXISTING LINK: a hard link, one more name for the same file (never a directory). */
    public FileStatus link(String existing, String link) throws IOException {
        return calls.call(new ClientRequest.CreateLink(DfsPath.of(existing).toString(), DfsPath.of(link).checkCreatable().toString()),
                Reply.StatusReply.class).status();
    }

    /** readlink: the target of a symbolic link; INVALID_ARGUMENT when the path is not one. */
    public String readLink(String path) throws IOException {
        FileStatus s = linkStatus(path);
        if (!s.isSymlink()) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, s.path() + " is not a symbolic link");
        }
        return s.symlinkTarget();
    }

    /** mkfifo/mknod: a FIFO, character or block device ({@code rdev}) or socket, less the umask. */
    public FileStatus makeNode(String path, io.jdfs.protocol.FileType type, int mode, long rdev) throws IOException {
        return calls.call(new ClientRequest.MakeNode(DfsPath.of(path).checkCreatable().toString(), type, masked(mode), rdev),
                Reply.StatusReply.class).status();
    }

    /**
     * A new client to the same cluster acting for another user (a gateway serving several users); the
     * caller closes it. In the simple mode the name server takes the identity as given.
     */
    public DfsClient asCaller(io.jdfs.protocol.Caller caller) throws IOException {
        return connect(config.withCaller(caller));
    }

    /** The user this client acts for. */
    public io.jdfs.protocol.Caller caller() {
        return config.caller();
    }

    // ---- extended attributes (Linux rules: user. namespace, names <= 255 bytes, values <= 64 KiB) ----

    /** Every extended attribute of a path, by name. */
    public java.util.SortedMap<String, byte[]> xattrs(String path) throws IOException {
        return calls.idempotent(new ClientRequest.GetXattrs(DfsPath.of(path).toString()), Reply.XattrsReply.class).xattrs();
    }

    /** One attribute's value; {@link DfsException} with {@link ErrorCode#NO_SUCH_ATTRIBUTE} when absent. */
    public byte[] xattr(String path, String name) throws IOException {
        byte[] v = xattrs(path).get(name);
        if (v == null) {
            throw new DfsException(ErrorCode.NO_SUCH_ATTRIBUTE, DfsPath.of(path) + ": no extended attribute " + name);
        }
        return v;
    }

    /** Sets an attribute; {@code mode} says whether it must be new, must exist, or either. */
    public void setXattr(String path, String name, byte[] value, XattrMode mode) throws IOException {
        calls.call(new ClientRequest.SetXattr(DfsPath.of(path).toString(), name, value, mode.flag()), Reply.Ok.class);
    }

    public void removeXattr(String path, String name) throws IOException {
        calls.call(new ClientRequest.RemoveXattr(DfsPath.of(path).toString(), name), Reply.Ok.class);
    }

    /** Sets modification and access times (nanoseconds since the epoch; negative leaves one unchanged). */
    public void setTimes(String path, long mtimeNanos, long atimeNanos) throws IOException {
        setTimes(path, mtimeNanos, atimeNanos, true);
    }

    /** utimensat with or without AT_SYMLINK_NOFOLLOW. */
    public void setTimes(String path, long mtimeNanos, long atimeNanos, boolean followLinks) throws IOException {
        calls.idempotent(new ClientRequest.SetTimes(DfsPath.of(path).toString(), mtimeNanos, atimeNanos, !followLinks),
                Reply.Ok.class);
    }

    /**
     * Sets the replication factor of a file, or of every file below a directory; the cluster then
     * adds or removes replicas in the background.
     */
    public FileStatus setReplication(String path, int replication) throws IOException {
        return calls.idempotent(new ClientRequest.SetReplication(DfsPath.of(path).toString(), replication),
                Reply.StatusReply.class).status();
    }

    public void setMode(String path, int mode) throws IOException {
        calls.idempotent(new ClientRequest.SetMode(DfsPath.of(path).toString(), mode), Reply.Ok.class);
    }

    /** Meters, safe mode, draining servers, events and fsck: the operators' calls. */
    public ClusterAdmin admin() {
        return admin;
    }

    /** Servers with their state, capacity and use, and namespace totals (for df, status, quota). */
    public ClusterStatus clusterStatus() throws IOException {
        return calls.idempotent(new ClientRequest.GetClusterStatus(), Reply.ClusterStatusReply.class).status();
    }

    /** The blocks of a file from {@code offset} on, with the live servers holding each. */
    public Reply.BlockLocationsReply blockLocations(String path, long offset) throws IOException {
        return calls.idempotent(new ClientRequest.GetBlockLocations(DfsPath.of(path).toString(), offset, -1),
                Reply.BlockLocationsReply.class);
    }

    /** Every block of a file with its locations (for stat and fsck), asked for page by page. */
    public List<LocatedBlock> allBlocks(String path) throws IOException {
        return Pages.allBlocks(calls, DfsPath.of(path).toString());
    }

    // ---- data ----------------------------------------------------------------------------------

    public DfsOutputStream create(String path) throws IOException {
        return create(path, CreateOptions.defaults());
    }

    /** Creates a file (and missing parent directories) and returns the stream that writes it. */
    public DfsOutputStream create(String path, CreateOptions options) throws IOException {
        return startWrite(DfsPath.of(path).checkCreatable().toString(), options, options.overwrite(), null);
    }

    private DfsOutputStream startWrite(String p, CreateOptions options, boolean overwrite,
                                       DfsOutputStream.Publication publication) throws IOException {
        long t0 = System.nanoTime();
        Reply.CreatedReply created = calls.call(new ClientRequest.CreateWithBlock(p, overwrite, options.replication(),
                options.blockSize(), masked(options.mode() <= 0 ? 0666 : options.mode()), clientId),
                Reply.CreatedReply.class);
        DfsOutputStream out = new DfsOutputStream(this, p, created.status(), config.blocksInFlight(), publication,
                created.block());
        out.createdIn(System.nanoTime() - t0);
        streams.opened(out);
        return out;
    }

    /**
     * Creates a file that appears under {@code path} only when whole: it is written under a hidden
     * temporary name in the same directory ({@code .NAME.jdfs-upload-XXXXXXXX}) and renamed into place
     * by {@link DfsOutputStream#close()} (replacing an old file only then, with
     * {@link CreateOptions#overwrite()}). {@link DfsOutputStream#abort()} or a failed close deletes the
     * temporary; one left by a killed client is deleted when its lease expires.
     */
    public DfsOutputStream createAtomically(String path, CreateOptions options) throws IOException {
        DfsPath target = DfsPath.of(path).checkCreatable();
        AtomicUpload.checkTarget(statOrNull(target.toString()), target, options.overwrite());
        String temp = TemporaryNames.temporaryFor(target).toString();
        return startWrite(temp, options, false, new AtomicUpload(this, temp, target.toString(), options.overwrite()));
    }

    /**
     * Opens a file for reading: sequential with read-ahead, or positional with {@link DfsInputStream#pread}.
     * The stream reads the version opened: if the path is replaced or deleted meanwhile, it goes on
     * reading that version (the name server keeps its blocks while the stream is open), or fails with
     * {@link io.jdfs.protocol.StaleFileException}; it never mixes two versions.
     */
    public DfsInputStream open(String path) throws IOException {
        String p = DfsPath.of(path).toString();
        Reply.BlockLocationsReply r = calls.idempotent(new ClientRequest.OpenRead(p, clientId), Reply.BlockLocationsReply.class);
        DfsInputStream in = new DfsInputStream(this, p, r, reader, config.readAheadBytes());
        streams.opened(in);
        return in;
    }

    /** Dirty bytes a {@link DfsFile} keeps in memory before it commits on its own. */
    public static final long DEFAULT_WRITE_BACK_BYTES = 64L << 20;

    /** {@link #openFile(String, Set, int, long)} with the default write-back limit. */
    public DfsFile openFile(String path, Set<OpenFlag> flags, int mode) throws IOException {
        return openFile(path, flags, mode, DEFAULT_WRITE_BACK_BYTES);
    }

    /**
     * Opens a file as open(2) does, for reads and writes at any offset, truncate and append (see
     * {@link DfsFile}). {@code mode} is used when the file is created (the umask applies).
     */
    public DfsFile openFile(String path, Set<OpenFlag> flags, int mode, long writeBackBytes) throws IOException {
        DfsFile f = new FileOpener(this, calls, clientId).open(DfsPath.of(path).toString(), flags, masked(mode <= 0 ? 0666 : mode),
                writeBackBytes, config.blocksInFlight());
        streams.opened(f);
        return f;
    }

    /** What the streams and handles of this client use: block calls, leases, read holds. */
    StreamCalls streams() {
        return streams;
    }

    /** Stops as a killed process would (tests): open writes just drop their connections, none is completed. */
    public void crash() {
        streams.crashAll(); // then close() finds them ended: nothing is aborted
        close();
    }

    @Override
    public void close() {
        streams.closeAll();
        leaseRenewer.shutdownNow();
        data.close();
        rpc.close();
    }
}
