package io.jdfs.protocol;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * Every control message on the wire: a closed set of records, serialised by Jackson with their simple
 * name as the type tag. Bulk data never travels as a Message: see io.jdfs.rpc.DataPacket.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
public sealed interface Message {

    // ---- handshake ---------------------------------------------------------------------------

    /** Sent by a server as soon as a connection opens. */
    record ServerHello(int magic, int version, String clusterId, String role, String nonce, boolean secretRequired)
            implements Message {
    }

    /** The peer's answer; {@code token} is HMAC-SHA256(secret, nonce) when the cluster has a secret. */
    record ClientHello(int magic, int version, String clusterId, String role, String token) implements Message {
    }

    record HelloOk(String clusterId) implements Message {
    }

    // ---- generic replies ---------------------------------------------------------------------

    record Ok() implements Message {
    }

    record BoolReply(boolean value) implements Message {
    }

    record ErrorReply(ErrorCode code, String message) implements Message {
    }

    // ---- client -> name server ---------------------------------------------------------------

    record Mkdirs(String path, int mode) implements Message {
    }

    record GetStatus(String path) implements Message {
    }

    /** @param status null when the path does not exist */
    record StatusReply(FileStatus status) implements Message {
    }

    /** One page of a directory, names after {@code startAfter} in order. */
    record ListDir(String path, String startAfter, int limit) implements Message {
    }

    record ListReply(List<FileStatus> entries, boolean hasMore) implements Message {
    }

    record Delete(String path, boolean recursive) implements Message {
    }

    record Rename(String source, String target, boolean overwrite) implements Message {
    }

    /** A negative time leaves that time unchanged. */
    record SetTimes(String path, long mtimeNanos, long atimeNanos) implements Message {
    }

    record SetMode(String path, int mode) implements Message {
    }

    /** Sets the replication factor of a file, or of every file below a directory. */
    record SetReplication(String path, int replication) implements Message {
    }

    record Create(String path, boolean overwrite, int replication, long blockSize, int mode, String clientId)
            implements Message {
    }

    /** Allocates block number {@code index} of an open file and the servers to write it to. */
    record AddBlock(String path, long inodeId, String clientId, int index, List<String> excludeServers)
            implements Message {
    }

    record LocatedBlockReply(LocatedBlock block) implements Message {
    }

    /** Closes a file with its final block list; answers false while blocks are still being finalized. */
    record Complete(String path, long inodeId, String clientId, List<Block> blocks) implements Message {
    }

    record RenewLease(String clientId) implements Message {
    }

    record GetBlockLocations(String path, long offset, long length) implements Message {
    }

    record BlockLocationsReply(FileStatus status, List<LocatedBlock> blocks) implements Message {
    }

    /**
     * Opens a file for reading: the reply is its status and first blocks, and the name server keeps
     * the inode's blocks for this client (a "read hold") even if the path is replaced or deleted,
     * until {@link ReleaseRead} or the client's lease expires.
     */
    record OpenRead(String path, String clientId) implements Message {
    }

    /** More locations of a file opened with {@link OpenRead}, asked by inode id, never by path. */
    record LocateOpened(long inodeId, String path, String clientId, long offset) implements Message {
    }

    /** The reader closed: the name server may drop the blocks of a replaced or deleted file. */
    record ReleaseRead(long inodeId, String clientId) implements Message {
    }

    record ReportBadReplica(long blockId, String serverId) implements Message {
    }

    record GetClusterStatus() implements Message {
    }

    record ClusterStatusReply(ClusterStatus status) implements Message {
    }

    /** {@code action}: "get", "enter" or "leave". */
    record SafeModeRequest(String action) implements Message {
    }

    record SafeModeReply(boolean on, String status) implements Message {
    }

    // ---- data server -> name server ----------------------------------------------------------

    /** @param rack where the server stands, e.g. "/dc1/rack7"; null for the default rack */
    record Register(String serverId, String host, int port, long capacity, long used, String rack) implements Message {
    }

    record RegisterReply(String clusterId, long heartbeatIntervalMillis, long blockReportIntervalMillis)
            implements Message {
    }

    record Heartbeat(String serverId, long capacity, long used, long remaining, int activeTransfers, long blocks)
            implements Message {
    }

    record HeartbeatReply(List<Command> commands) implements Message {
    }

    /** A full report, in parts of bounded size; the name server applies it when {@code last} arrives. */
    record BlockReport(String serverId, long reportId, List<Block> blocks, boolean last) implements Message {
    }

    record BlockReceived(String serverId, List<Block> received, List<Long> deleted) implements Message {
    }

    // ---- anyone -> data server ---------------------------------------------------------------

    /** Opens a write of a block down a pipeline: this server, then {@code downstream} in order. */
    record WriteBlock(Block block, List<DataServerRef> downstream, String clientId) implements Message {
    }

    record WriteReady() implements Message {
    }

    /** Reads {@code length} bytes from {@code offset}; the server answers in whole 64 KiB chunks. */
    record ReadBlock(long blockId, long generation, long offset, long length) implements Message {
    }

    /** Sent before the packets of a read: where the first packet starts and the replica's length. */
    record ReadReply(long blockLength, long firstPacketOffset) implements Message {
    }

    // ---- self-healing (issue 4) ----

    /**
     * A writer lost the head of a block's pipeline: the name server bumps the block's generation (so
     * replicas of the old one are recognised as stale) and answers a new pipeline in a LocatedBlockReply.
     */
    record RecoverBlock(String path, long inodeId, String clientId, long blockId, List<String> failedServers)
            implements Message {
    }

    /** Drains a data server (by id or HOST:PORT) of its replicas, then marks it decommissioned. */
    record Decommission(String server) implements Message {
    }

    /** Puts a decommissioning or decommissioned server back in service. */
    record Recommission(String server) implements Message {
    }

    record ServerInfoReply(DataServerInfo server) implements Message {
    }

    /** Recent cluster events with a sequence number above {@code afterSeq}, oldest first. */
    record GetEvents(long afterSeq, int limit) implements Message {
    }

    record EventsReply(List<ClusterEvent> events) implements Message {
    }

    /** Checks the files under {@code path}, skipping the first {@code skipFiles} of the walk (paging). */
    record Fsck(String path, long skipFiles) implements Message {
    }

    record FsckReply(FsckReport report) implements Message {
    }
}
