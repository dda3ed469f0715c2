package io.jdfs.client;

import io.jdfs.protocol.ClusterEvent;
import io.jdfs.protocol.DataServerInfo;
import io.jdfs.protocol.DfsPath;
import io.jdfs.protocol.FsckReport;
import io.jdfs.protocol.AdminRequest;
import io.jdfs.protocol.ClientRequest;
import io.jdfs.protocol.Reply;

import java.io.IOException;
import java.util.List;

/**
 * Administration and health of the cluster (self-healing, issue 4): meters, safe mode, draining data
 * servers, events and fsck, for operators' tools. From {@link DfsClient#admin()}; shares its connection.
 */
public final class ClusterAdmin {
    private final NameServerCalls calls;

    ClusterAdmin(NameServerCalls calls) {
        this.calls = calls;
    }

    /**
     * The name server's running totals (bytes read and written cluster-wide, journal transactions and
     * fsyncs, calls, the replication queue): the meters its {@code /metrics} serves. Two readings give rates.
     */
    public io.jdfs.protocol.ClusterMeters meters() throws IOException {
        return calls.idempotent(new ClientRequest.GetMeters(), Reply.MetersReply.class).meters();
    }

    /**
     * Safe mode: "get" reports it, "enter" holds the name server in it, "leave" ends it.
     * Returns the state after the action, e.g. "on, 10 of 12 blocks reported".
     */
    public Reply.SafeModeReply safeMode(String action) throws IOException {
        return calls.idempotent(new AdminRequest.SafeModeRequest(action), Reply.SafeModeReply.class);
    }

    /**
     * Starts draining a data server (its id or HOST:PORT): it keeps serving reads while its replicas
     * are copied to others, then it is DECOMMISSIONED. Returns the server as the name server sees it.
     */
    public DataServerInfo decommission(String server) throws IOException {
        return calls.idempotent(new AdminRequest.Decommission(server), Reply.ServerInfoReply.class).server();
    }

    /** Puts a decommissioning or decommissioned server back in service. */
    public DataServerInfo recommission(String server) throws IOException {
        return calls.idempotent(new AdminRequest.Recommission(server), Reply.ServerInfoReply.class).server();
    }

    /** Recent cluster events after sequence number {@code afterSeq} (0 for all kept), oldest first. */
    public List<ClusterEvent> events(long afterSeq) throws IOException {
        return calls.idempotent(new ClientRequest.GetEvents(afterSeq, 0), Reply.EventsReply.class).events();
    }

    /** Checks every file under a path: each block's live replicas and flags, with totals (all pages). */
    public FsckReport fsck(String path) throws IOException {
        return Pages.fsck(calls, DfsPath.of(path).toString());
    }
}
