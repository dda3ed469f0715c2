package io.jdfs.protocol;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * Every control message on the wire: a closed set of records, serialised by Jackson with their simple
 * name as the type tag. Bulk data never travels as a Message: see io.jdfs.rpc.DataPacket.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
public sealed interface Message {

    /** The handshake that opens every connection. */
    sealed interface Handshake extends Message {
    }

    /** Answers, whatever the protocol. */
    sealed interface Reply extends Message {
    }

    /** Client -> name server: the namespace, reading and writing files, health. */
    sealed interface ClientRequest extends Message {
    }

    /** Operator -> name server: safe mode, decommissioning. */
    sealed interface AdminRequest extends Message {
    }

    /** Data server -> name server: registration, heartbeats, block reports. */
    sealed interface DataServerRequest extends Message {
    }

    /** Client or data server -> data server: block transfers. */
    sealed interface TransferRequest extends Message {
    }


    // ---- handshake ---------------------------------------------------------------------------

    /** Sent by a server as soon as a connection opens. */
    record ServerHello(int magic, int version, String clusterId, String role, String nonce, boolean secretRequired)
            implements Handshake {
    }

    /**
     * The peer's answer; {@code token} is HMAC-SHA256(secret, nonce) when the cluster has a secret;
     * {@code loginToken} the client's login (clusters with a users file), null before it logs in.
     */
    record ClientHello(int magic, int version, String clusterId, String role, String token, Caller caller,
                       String loginToken) implements Handshake {
        public ClientHello(int magic, int version, String clusterId, String role, String token, Caller caller) {
            this(magic, version, clusterId, role, token, caller, null);
        }
    }

    record HelloOk(String clusterId) implements Handshake {
    }

    // ---- generic replies ---------------------------------------------------------------------

    record Ok() implements Reply {
    }

    record BoolReply(boolean value) implements Reply {
    }

    record ErrorReply(ErrorCode code, String message) implements Reply {
    }

    // ---- client -> name server ---------------------------------------------------------------

    record Mkdirs(String path, int mode) implements ClientRequest {
    }

    record GetStatus(String path) implements ClientRequest {
    }

    /** @param status null when the path does not exist */
    record StatusReply(FileStatus status) implements Reply {
    }

    /** One page of a directory, names after {@code startAfter} in order. */
    record ListDir(String path, String startAfter, int limit) implements ClientRequest {
    }

    record ListReply(List<FileStatus> entries, boolean hasMore) implements Reply {
    }

    record Delete(String path, boolean recursive) implements ClientRequest {
    }

    record Rename(String source, String target, boolean overwrite) implements ClientRequest {
    }

    /** renameat2(RENAME_EXCHANGE): two existing names swap their inodes atomically. */
    record Exchange(String first, String second) implements ClientRequest {
    }

    /** A negative time leaves that time unchanged. */
    /** utimensat; {@code noFollow} applies it to a final symlink itself (AT_SYMLINK_NOFOLLOW). */
    record SetTimes(String path, long mtimeNanos, long atimeNanos, boolean noFollow) implements ClientRequest {
    }

    record SetMode(String path, int mode) implements ClientRequest {
    }

    /** Sets the replication factor of a file, or of every file below a directory. */
    /** lstat: the status of a symlink itself, not of what it points to. */
    record GetLinkStatus(String path) implements ClientRequest {
    }

    /** ln -s TARGET PATH. */
    record CreateSymlink(String target, String path) implements ClientRequest {
    }

    /** ln: a hard link {@code path} to the inode at {@code existing}; answers the new name's status. */
    record CreateLink(String existing, String path) implements ClientRequest {
    }

    /** mkfifo/mknod: a FIFO, device (with its rdev) or socket, as metadata. */
    record MakeNode(String path, FileType type, int mode, long rdev) implements ClientRequest {
    }

    /** chown/chgrp; -1 keeps a value. */
    record SetOwner(String path, int uid, int gid, boolean noFollow) implements ClientRequest {
    }

    record SetReplication(String path, int replication) implements ClientRequest {
    }

    /** Creates a file open for writing; missing parent directories are made too unless {@code noParents} (open(2)). */
    record Create(String path, boolean overwrite, int replication, long blockSize, int mode, String clientId,
                  boolean noParents) implements ClientRequest {
        public Create(String path, boolean overwrite, int replication, long blockSize, int mode, String clientId) {
            this(path, overwrite, replication, blockSize, mode, clientId, false);
        }
    }

    /**
     * Create and the first block's allocation in one call (one round trip, one journal group): a
     * {@link Create} that also answers with block 0 and its pipeline, or with no block when none can
     * be placed now (the writer asks again with {@link AddBlock}, which reports why).
     */
    record CreateWithBlock(String path, boolean overwrite, int replication, long blockSize, int mode,
                           String clientId) implements ClientRequest {
        public Create toCreate() {
            return new Create(path, overwrite, replication, blockSize, mode, clientId);
        }
    }

    /** The file created, and its first block (null when none could be placed yet). */
    record CreatedReply(FileStatus status, LocatedBlock block) implements Reply {
    }

    /** Allocates block number {@code index} of an open file and the servers to write it to. */
    record AddBlock(String path, long inodeId, String clientId, int index, List<String> excludeServers)
            implements ClientRequest {
    }

    record LocatedBlockReply(LocatedBlock block) implements Reply {
    }

    /** Closes a file with its final block list; answers false while blocks are still being finalized. */
    /**
     * Closes a file with its blocks' final lengths. {@code storedOn} (may be null or shorter than
     * {@code blocks}): per block, the servers whose pipeline acknowledged it as durably stored; the name
     * server takes them as the block's replicas instead of waiting for their reports.
     */
    record Complete(String path, long inodeId, String clientId, List<Block> blocks, List<List<String>> storedOn)
            implements ClientRequest {
        public Complete(String path, long inodeId, String clientId, List<Block> blocks) {
            this(path, inodeId, clientId, blocks, null);
        }

        /** The servers the writer saw store block {@code i}, or none. */
        public List<String> storedOn(int i) {
            return storedOn == null || i >= storedOn.size() || storedOn.get(i) == null ? List.of() : storedOn.get(i);
        }
    }

    record RenewLease(String clientId) implements ClientRequest {
    }

    /**
     * Opens an existing file for writing in place: takes the file's lease (one writer at a time; the
     * error names the holder) and answers its status and first blocks. Changes are made with
     * {@link AllocateBlock} and {@link CommitWrite}; readers see the last committed version until then.
     */
    record OpenWrite(String path, String clientId) implements ClientRequest {
    }

    /** A new block for a file open for writing, not yet part of it: written, then swapped in by {@link CommitWrite}. */
    record AllocateBlock(String path, long inodeId, String clientId, List<String> excludeServers)
            implements ClientRequest {
    }

    /**
     * Makes a writer's changes visible and durable at once: the file gets {@code blockCount} blocks,
     * those in {@code changed} replaced (blocks from {@link AllocateBlock}, or holes), the others kept
     * (later ones dropped: a truncate). {@code close} also gives up the lease. Answers false while a
     * new block has no finalized replica reported yet (the writer asks again).
     */
    record CommitWrite(String path, long inodeId, String clientId, int blockCount, List<IndexedBlock> changed,
                       boolean close) implements ClientRequest {
    }


    record GetBlockLocations(String path, long offset, long length) implements ClientRequest {
    }

    record BlockLocationsReply(FileStatus status, List<LocatedBlock> blocks) implements Reply {
    }

    /**
     * Opens a file for reading: the reply is its status and first blocks, and the name server keeps
     * the inode's blocks for this client (a "read hold") even if the path is replaced or deleted,
     * until {@link ReleaseRead} or the client's lease expires.
     */
    record OpenRead(String path, String clientId) implements ClientRequest {
    }

    /** More locations of a file opened with {@link OpenRead}, asked by inode id, never by path. */
    record LocateOpened(long inodeId, String path, String clientId, long offset) implements ClientRequest {
    }

    /** The reader closed: the name server may drop the blocks of a replaced or deleted file. */
    record ReleaseRead(long inodeId, String clientId) implements ClientRequest {
    }

    /** All extended attributes of a path (names and values; listing is the key set). */
    record GetXattrs(String path) implements ClientRequest {
    }

    record XattrsReply(java.util.SortedMap<String, byte[]> xattrs) implements Reply {
    }

    /** setxattr(2): {@code flag} 0 sets either way, 1 only creates, 2 only replaces. */
    record SetXattr(String path, String name, byte[] value, int flag) implements ClientRequest {
    }

    record RemoveXattr(String path, String name) implements ClientRequest {
    }

    record ReportBadReplica(long blockId, String serverId) implements ClientRequest {
    }

    /**
     * Logs in (clusters with a users file): with the password, or with a valid login token to renew it.
     * The connection it is sent on acts as that user from the reply on.
     */
    record Login(String user, String password, String token) implements ClientRequest {
        @Override
        public String toString() {
            return "Login[" + user + "]"; // never the password or token
        }
    }

    /** A login token (signed by the name server, valid until {@code expiresMillis}) and who it makes you. */
    record LoginReply(String token, long expiresMillis, Caller caller) implements Reply {
        @Override
        public String toString() {
            return "LoginReply[" + caller + "]";
        }
    }

    record GetClusterStatus() implements ClientRequest {
    }

    record ClusterStatusReply(ClusterStatus status) implements Reply {
    }

    /** The name server's running totals (the meters its /metrics serves), for charts of rates. */
    record GetMeters() implements ClientRequest {
    }

    record MetersReply(ClusterMeters meters) implements Reply {
    }

    /** {@code action}: "get", "enter" or "leave". */
    record SafeModeRequest(String action) implements AdminRequest {
    }

    record SafeModeReply(boolean on, String status) implements Reply {
    }

    // ---- data server -> name server ----------------------------------------------------------

    /** @param rack where the server stands, e.g. "/dc1/rack7"; null for the default rack */
    record Register(String serverId, String host, int port, long capacity, long used, String rack, long remaining,
                    String fileSystem, long fileSystemFree) implements DataServerRequest {
        /** Without the file system: its free space is taken as capacity - used, as before. */
        public Register(String serverId, String host, int port, long capacity, long used, String rack) {
            this(serverId, host, port, capacity, used, rack, Math.max(0, capacity - used), null, 0);
        }
    }

    /** @param blockKeys the keys block tokens are signed with (the data server checks tokens against them) */
    record RegisterReply(String clusterId, long heartbeatIntervalMillis, long blockReportIntervalMillis,
                         List<BlockKey> blockKeys) implements Reply {
        public RegisterReply(String clusterId, long heartbeatIntervalMillis, long blockReportIntervalMillis) {
            this(clusterId, heartbeatIntervalMillis, blockReportIntervalMillis, null);
        }
    }

    /**
     * {@code bytesRead} and {@code bytesWritten} count block data the server sent and stored since it
     * started (0 from an older server): the name server sums their growth into cluster-wide counters.
     */
    record Heartbeat(String serverId, long capacity, long used, long remaining, int activeTransfers, long blocks,
                     String fileSystem, long fileSystemFree, long bytesRead, long bytesWritten)
            implements DataServerRequest {
        /** Without the file system (it then counts as the server's own). */
        public Heartbeat(String serverId, long capacity, long used, long remaining, int activeTransfers, long blocks) {
            this(serverId, capacity, used, remaining, activeTransfers, blocks, null, 0, 0, 0);
        }
    }

    record HeartbeatReply(List<Command> commands) implements Reply {
    }

    /** A full report, in parts of bounded size; the name server applies it when {@code last} arrives. */
    record BlockReport(String serverId, long reportId, List<Block> blocks, boolean last) implements DataServerRequest {
    }

    record BlockReceived(String serverId, List<Block> received, List<Long> deleted) implements DataServerRequest {
    }

    // ---- anyone -> data server ---------------------------------------------------------------

    /**
     * Opens a write of a block down a pipeline: this server, then {@code downstream} in order.
     * {@code offset} 0 starts a new replica. A pipeline recovery resumes at the acknowledged
     * {@code offset} (a multiple of the chunk size): each server takes the replica it was writing of
     * this block, at a generation from {@code fromGeneration} up to (not including) the block's new
     * one, cuts it to {@code offset} bytes and goes on from there under the new generation.
     */
    record WriteBlock(Block block, List<DataServerRef> downstream, String clientId, BlockToken token, long offset,
                      long fromGeneration, boolean noReady) implements TransferRequest {
        /**
         * {@code noReady}: the writer does not wait for WriteReady, so none is sent (down the pipeline
         * neither): a small file's write saves a message and a wake-up on each hop.
         */
        public WriteBlock(Block block, List<DataServerRef> downstream, String clientId, BlockToken token, long offset,
                          long fromGeneration) {
            this(block, downstream, clientId, token, offset, fromGeneration, false);
        }

        public WriteBlock(Block block, List<DataServerRef> downstream, String clientId, BlockToken token) {
            this(block, downstream, clientId, token, 0, 0);
        }

        public WriteBlock(Block block, List<DataServerRef> downstream, String clientId) {
            this(block, downstream, clientId, null);
        }

        /** True when this write continues a replica the server holds, rather than starting one. */
        public boolean resumes() {
            return offset > 0;
        }
    }

    record WriteReady() implements Reply {
    }

    /**
     * Sent under a write's request id by a writer that gives the block up on purpose, just before it
     * closes the connection: each server of the pipeline drops its replica at once (and passes this on)
     * instead of keeping it for a pipeline recovery.
     */
    record AbortWrite() implements TransferRequest {
    }

    /**
     * Pipeline recovery with a replacement: the receiving server, which holds the replica of
     * {@code block}'s id being written (at a generation from {@code fromGeneration} on), sends its first
     * {@code block.length()} bytes down {@code targets} under its own generation, then closes: they keep
     * it parked, as the survivors do, and the recovered pipeline resumes them all. Answered with
     * WriteReady once every target acknowledged every byte.
     */
    record CopyPrefix(Block block, long fromGeneration, List<DataServerRef> targets, String clientId,
                      BlockToken token) implements TransferRequest {
    }

    /** Reads {@code length} bytes from {@code offset}; the server answers in whole 64 KiB chunks. */
    record ReadBlock(long blockId, long generation, long offset, long length, BlockToken token)
            implements TransferRequest {
        public ReadBlock(long blockId, long generation, long offset, long length) {
            this(blockId, generation, offset, length, null);
        }
    }

    /** Sent before the packets of a read: where the first packet starts and the replica's length. */
    record ReadReply(long blockLength, long firstPacketOffset) implements Reply {
    }

    // ---- self-healing (issue 4) ----

    /**
     * A writer lost the head of a block's pipeline: the name server bumps the block's generation (so
     * replicas of the old one are recognised as stale) and answers a new pipeline in a LocatedBlockReply.
     * With {@code ackedLength} 0 the pipeline is chosen afresh (the writer sends the block from its
     * start); above 0 it is the servers of {@code pipeline} (the broken one, by id) that did not fail,
     * which resume at {@code ackedLength}: the writer no longer holds what was acknowledged.
     */
    record RecoverBlock(String path, long inodeId, String clientId, long blockId, List<String> failedServers,
                        long ackedLength, List<String> pipeline) implements ClientRequest {
        public RecoverBlock(String path, long inodeId, String clientId, long blockId, List<String> failedServers) {
            this(path, inodeId, clientId, blockId, failedServers, 0, null);
        }
    }

    /** Drains a data server (by id or HOST:PORT) of its replicas, then marks it decommissioned. */
    record Decommission(String server) implements AdminRequest {
    }

    /** Puts a decommissioning or decommissioned server back in service. */
    record Recommission(String server) implements AdminRequest {
    }

    record ServerInfoReply(DataServerInfo server) implements Reply {
    }

    /** Recent cluster events with a sequence number above {@code afterSeq}, oldest first. */
    record GetEvents(long afterSeq, int limit) implements ClientRequest {
    }

    record EventsReply(List<ClusterEvent> events) implements Reply {
    }

    /** Checks the files under {@code path}, skipping the first {@code skipFiles} of the walk (paging). */
    record Fsck(String path, long skipFiles) implements ClientRequest {
    }

    record FsckReply(FsckReport report) implements Reply {
    }
}
