package io.jdfs.name;

import io.jdfs.name.blocks.BlockMap;
import io.jdfs.name.replication.ReplicationMonitor;
import io.jdfs.name.servers.ClusterTraffic;
import io.jdfs.name.servers.DataServerDescriptor;
import io.jdfs.name.servers.DataServerRegistry;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.Command;
import io.jdfs.protocol.DataServerRequest;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What data servers say to the name server: registration, heartbeats and block reports. */
public final class DataServerService {
    public static final String DEFAULT_RACK = "/default-rack";
    private static final Logger LOG = LoggerFactory.getLogger(DataServerService.class);
    private static final int MAX_DELETES_PER_HEARTBEAT = 1000;

    private final DataServerRegistry servers;
    private final BlockMap blockMap;
    private final NameServerConfig config;
    private final String clusterId;
    private final Map<String, List<Block>> partialReports = new ConcurrentHashMap<>();
    private final ReplicationMonitor replication;
    private final ClusterTraffic traffic = new ClusterTraffic();
    private volatile BlockRecovery recoveries;

    public DataServerService(DataServerRegistry servers, BlockMap blockMap, NameServerConfig config, String clusterId,
                             ReplicationMonitor replication) {
        this.replication = replication;
        this.servers = servers;
        this.blockMap = blockMap;
        this.config = config;
        this.clusterId = clusterId;
    }

    public Reply.RegisterReply register(DataServerRequest.Register r) {
        if (r.serverId() == null || r.serverId().isBlank() || r.host() == null || r.port() <= 0) {
            throw new IllegalArgumentException("a registration needs a server id, host and port");
        }
        DataServerDescriptor previous = servers.get(r.serverId());
        if (previous != null) {
            // it restarted: what it holds now comes in its next full report
            blockMap.serverRemoved(r.serverId());
        }
        DataServerDescriptor d = servers.register(r.serverId(), r.host(), r.port(), r.capacity(), r.used(),
                r.remaining(), System.nanoTime());
        d.rack(r.rack() == null || r.rack().isBlank() ? DEFAULT_RACK : r.rack());
        d.fileSystem(r.fileSystem(), r.fileSystemFree());
        return new Reply.RegisterReply(clusterId, config.heartbeatIntervalMillis(), config.blockReportIntervalMillis());
    }

    /** Where block recovery commands come from and the replicas' lengths go. */
    void recoveries(BlockRecovery r) {
        this.recoveries = r;
    }

    /** A data server told the length of a replica under block recovery. */
    public Message recoveryLength(DataServerRequest.RecoveryLength r) {
        BlockRecovery b = recoveries;
        if (b != null) {
            b.reported(r);
        }
        return new Reply.Ok();
    }

    /** Bytes read and written cluster-wide, from the heartbeats. */
    public ClusterTraffic traffic() {
        return traffic;
    }

    public Reply.HeartbeatReply heartbeat(DataServerRequest.Heartbeat h) {
        DataServerDescriptor d = servers.heartbeat(h.serverId(), h.capacity(), h.used(), h.remaining(),
                h.activeTransfers(), System.nanoTime());
        if (d == null) {
            return new Reply.HeartbeatReply(List.of(new Command.Reregister()));
        }
        d.fileSystem(h.fileSystem(), h.fileSystemFree());
        traffic.report(d.id(), h.bytesRead(), h.bytesWritten());
        List<Command> commands = new ArrayList<>(1);
        List<Long> deletes = blockMap.takeDeletions(d.id(), MAX_DELETES_PER_HEARTBEAT);
        List<Block> stale = blockMap.takeStaleDeletions(d.id(), MAX_DELETES_PER_HEARTBEAT);
        if (!deletes.isEmpty() || !stale.isEmpty()) {
            commands.add(new Command.DeleteBlocks(deletes, stale));
        }
        commands.addAll(replication.commandsFor(d.id()));
        BlockRecovery b = recoveries;
        if (b != null) {
            commands.addAll(b.commandsFor(d.id()));
        }
        return new Reply.HeartbeatReply(commands);
    }

    public Message blockReport(DataServerRequest.BlockReport r) {
        if (servers.get(r.serverId()) == null) {
            return new Reply.HeartbeatReply(List.of(new Command.Reregister()));
        }
        String key = r.serverId() + "/" + r.reportId();
        List<Block> all = partialReports.computeIfAbsent(key, k -> new ArrayList<>());
        synchronized (all) {
            all.addAll(r.blocks());
        }
        if (r.last()) {
            partialReports.remove(key);
            blockMap.fullReport(r.serverId(), all);
            replication.requestScan();
            LOG.info("block report from {}: {} replicas", r.serverId(), all.size());
        }
        return new Reply.Ok();
    }

    public Message blockReceived(DataServerRequest.BlockReceived r) {
        if (servers.get(r.serverId()) == null) {
            return new Reply.HeartbeatReply(List.of(new Command.Reregister()));
        }
        for (Block b : r.received()) {
            blockMap.replicaReceived(r.serverId(), b);
            replication.replicaReceived(r.serverId(), b);
        }
        for (Long id : r.deleted()) {
            blockMap.replicaDeleted(r.serverId(), id);
        }
        return new Reply.Ok();
    }
}
