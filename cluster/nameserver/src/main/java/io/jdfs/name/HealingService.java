package io.jdfs.name;

import io.jdfs.name.blocks.BlockMap;
import io.jdfs.name.events.EventLog;
import io.jdfs.name.fsck.FsckService;
import io.jdfs.name.placement.BlockPlacementPolicy;
import io.jdfs.name.replication.ReplicationConfig;
import io.jdfs.name.replication.ReplicationMonitor;
import io.jdfs.name.servers.DataServerDescriptor;
import io.jdfs.name.servers.DataServerRegistry;
import io.jdfs.protocol.ClusterEvent;
import io.jdfs.protocol.DataServerState;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.AdminRequest;
import io.jdfs.protocol.ClientRequest;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.Message;
import io.jdfs.rpc.RequestHandler;

/**
 * The self-healing side of the name server: re-replication, corrupt replicas, decommission, pipeline
 * recovery, the event log and fsck. Composes them and serves their requests.
 */
public final class HealingService implements AutoCloseable {
    private final DataServerRegistry servers;
    private final BlockMap blockMap;
    private final NamespaceService namespace;
    private final EventLog events;
    private final ReplicationMonitor monitor;
    private final FsckService fsck;

    public HealingService(DataServerRegistry servers, BlockMap blockMap, BlockPlacementPolicy placement,
                          NamespaceService namespace, ReplicationConfig config, EventLog events) {
        this.servers = servers;
        this.blockMap = blockMap;
        this.events = events;
        this.namespace = namespace;
        this.monitor = new ReplicationMonitor(servers, blockMap, placement, config, events);
        this.fsck = new FsckService(namespace, blockMap, monitor);
        servers.listener(this::serverStateChanged);
    }

    public void start() {
        monitor.start();
    }

    public EventLog events() {
        return events;
    }

    public ReplicationMonitor monitor() {
        return monitor;
    }

    private void serverStateChanged(DataServerDescriptor d, DataServerState from, DataServerState to) {
        String who = d.host() + ":" + d.port();
        if (from == null) {
            monitor.serverRegistered(d);
        }
        switch (to) {
            case LIVE -> events.add(from == null ? ClusterEvent.Kind.SERVER_JOINED : ClusterEvent.Kind.SERVER_LIVE,
                    d.id(), who + (from == null ? " joined" : " is live again (was " + from + ")"));
            case STALE -> events.add(ClusterEvent.Kind.SERVER_STALE, d.id(), who + " is stale: heartbeats missed");
            case DEAD -> events.add(ClusterEvent.Kind.SERVER_DEAD, d.id(), who + " is dead");
            default -> {
            }
        }
    }

    /** Serves the requests of this side; null for any other request. */
    public Message handle(Message m, RequestHandler.PeerInfo peer) throws Exception {
        if (m instanceof ClientRequest.ReportBadReplica r) {
            monitor.corruptReplica(r.blockId(), r.serverId(), peer == null ? "?" : peer.role() + "@" + peer.address());
            return new Reply.Ok();
        } else if (m instanceof ClientRequest.RecoverBlock r) {
            return new Reply.LocatedBlockReply(namespace.writes().recoverBlock(r));
        } else if (m instanceof AdminRequest.Decommission r) {
            DataServerDescriptor d = server(r.server());
            monitor.decommission(d);
            return new Reply.ServerInfoReply(d.info(blockMap.replicasOn(d.id()), System.nanoTime()));
        } else if (m instanceof AdminRequest.Recommission r) {
            DataServerDescriptor d = server(r.server());
            monitor.recommission(d);
            return new Reply.ServerInfoReply(d.info(blockMap.replicasOn(d.id()), System.nanoTime()));
        } else if (m instanceof ClientRequest.GetEvents r) {
            return new Reply.EventsReply(events.since(r.afterSeq(), r.limit()));
        } else if (m instanceof ClientRequest.Fsck r) {
            return new Reply.FsckReply(fsck.check(r.path(), r.skipFiles()));
        }
        return null;
    }

    private DataServerDescriptor server(String idOrAddress) throws DfsException {
        DataServerDescriptor d = idOrAddress == null ? null : servers.find(idOrAddress.trim());
        if (d == null) {
            throw new DfsException(ErrorCode.NOT_FOUND, "no data server " + idOrAddress + " is registered");
        }
        return d;
    }

    @Override
    public void close() {
        monitor.close();
    }
}
