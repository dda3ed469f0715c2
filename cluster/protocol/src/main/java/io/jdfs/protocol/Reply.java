package io.jdfs.protocol;

import java.util.List;

/** Answers, whatever the protocol. */
public sealed interface Reply extends Message {
    record Ok() implements Reply {
    }

    record BoolReply(boolean value) implements Reply {
    }

    record ErrorReply(ErrorCode code, String message) implements Reply {
    }

    /** @param status null when the path does not exist */
    record StatusReply(FileStatus status) implements Reply {
    }

    record ListReply(List<FileStatus> entries, boolean hasMore) implements Reply {
    }

    /** The file created, and its first block (null when none could be placed yet). */
    record CreatedReply(FileStatus status, LocatedBlock block) implements Reply {
    }

    record LocatedBlockReply(LocatedBlock block) implements Reply {
    }

    record BlockLocationsReply(FileStatus status, List<LocatedBlock> blocks) implements Reply {
    }

    record XattrsReply(java.util.SortedMap<String, byte[]> xattrs) implements Reply {
    }

    /** A login token (signed by the name server, valid until {@code expiresMillis}) and who it makes you. */
    record LoginReply(String token, long expiresMillis, Caller caller) implements Reply {
        @Override
        public String toString() {
            return "LoginReply[" + caller + "]";
        }
    }

    record ClusterStatusReply(ClusterStatus status) implements Reply {
    }

    record MetersReply(ClusterMeters meters) implements Reply {
    }

    record SafeModeReply(boolean on, String status) implements Reply {
    }

    /** @param blockKeys the keys block tokens are signed with (the data server checks tokens against them) */
    record RegisterReply(String clusterId, long heartbeatIntervalMillis, long blockReportIntervalMillis,
                         List<BlockKey> blockKeys) implements Reply {
        public RegisterReply(String clusterId, long heartbeatIntervalMillis, long blockReportIntervalMillis) {
            this(clusterId, heartbeatIntervalMillis, blockReportIntervalMillis, null);
        }
    }

    record HeartbeatReply(List<Command> commands) implements Reply {
    }

    record WriteReady() implements Reply {
    }

    /** Sent before the packets of a read: where the first packet starts and the replica's length. */
    record ReadReply(long blockLength, long firstPacketOffset) implements Reply {
    }

    record ServerInfoReply(DataServerInfo server) implements Reply {
    }

    record EventsReply(List<ClusterEvent> events) implements Reply {
    }

    record FsckReply(FsckReport report) implements Reply {
    }
}
