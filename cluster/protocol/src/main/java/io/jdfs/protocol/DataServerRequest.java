package io.jdfs.protocol;

import java.util.List;

/** Data server -> name server: registration, heartbeats, block reports. */
public sealed interface DataServerRequest extends Message {
    /** @param rack where the server stands, e.g. "/dc1/rack7"; null for the default rack */
    record Register(String serverId, String host, int port, long capacity, long used, String rack, long remaining,
                    String fileSystem, long fileSystemFree) implements DataServerRequest {
        /** Without the file system: its free space is taken as capacity - used, as before. */
        public Register(String serverId, String host, int port, long capacity, long used, String rack) {
            this(serverId, host, port, capacity, used, rack, Math.max(0, capacity - used), null, 0);
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

    /** A full report, in parts of bounded size; the name server applies it when {@code last} arrives. */
    record BlockReport(String serverId, long reportId, List<Block> blocks, boolean last) implements DataServerRequest {
    }

    record BlockReceived(String serverId, List<Block> received, List<Long> deleted) implements DataServerRequest {
    }

    /**
     * Answer to {@link Command.RecoverReplica}: the replica of {@code blockId} here, now at
     * {@code generation}, holds {@code length} bytes received and checksummed; -1 when there is none
     * (or one of a newer generation), with {@code why}.
     */
    record RecoveryLength(String serverId, long blockId, long generation, long length, String why)
            implements DataServerRequest {
    }
}
