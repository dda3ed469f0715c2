package io.jdfs.name.rpc;

import io.jdfs.name.DataServerService;
import io.jdfs.name.HealingService;
import io.jdfs.name.NamespaceService;
import io.jdfs.name.StatusService;
import io.jdfs.name.metrics.NameServerMetrics;
import io.jdfs.name.tokens.BlockTokenIssuer;
import io.jdfs.name.auth.Logins;
import io.jdfs.name.permission.Permissions;
import io.jdfs.protocol.Caller;
import io.jdfs.protocol.AdminRequest;
import io.jdfs.protocol.ClientRequest;
import io.jdfs.protocol.DataServerRequest;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.Message;
import io.jdfs.protocol.ProtocolException;
import io.jdfs.rpc.RequestHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Routes each request that reaches the name server to the service that owns it. */
public final class NameRpcHandler implements RequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(NameRpcHandler.class);
    private final NamespaceService namespace;
    private final DataServerService dataServers;
    private final StatusService status;
    private final HealingService healing;

    private final NameServerMetrics metrics;
    private final ServerBindings bindings = new ServerBindings();
    private final BlockTokenIssuer tokens;
    private final Logins logins;
    private final io.jdfs.name.audit.AuditLog audit;
    private final Permissions permissions;
    private final ReportSignal reports = new ReportSignal();
    private final JournalSyncs syncs;
    private static final long SOON_MILLIS = 100;
    /** Where a waiting complete is retried: off the thread that delivered the block report. */
    private static final java.util.concurrent.Executor DECIDE = java.util.concurrent.ForkJoinPool.commonPool();

    public NameRpcHandler(NamespaceService namespace, DataServerService dataServers, StatusService status,
                          HealingService healing, NameServerMetrics metrics) {
        this(namespace, dataServers, status, healing, metrics, BlockTokenIssuer.withDefaults(), Logins.simple(), null,
                io.jdfs.name.audit.AuditLog.off());
    }

    /**
     * @param tokens      signs a block access token into every location, allocation and copy command answered
     * @param logins      who a client is: trusted as claimed, or logged in against the users file
     * @param permissions decides who is a superuser (admin calls need one when clients log in)
     */
    public NameRpcHandler(NamespaceService namespace, DataServerService dataServers, StatusService status,
                          HealingService healing, NameServerMetrics metrics, BlockTokenIssuer tokens, Logins logins,
                          Permissions permissions, io.jdfs.name.audit.AuditLog audit) {
        this.audit = audit;
        this.tokens = tokens;
        this.logins = logins;
        this.permissions = permissions;
        this.metrics = metrics;
        this.healing = healing;
        this.namespace = namespace;
        this.syncs = new JournalSyncs(namespace::durable);
        this.dataServers = dataServers;
        this.status = status;
    }

    @Override
    public CompletableFuture<Message> handle(Message m, PeerInfo peer) {
        long t0 = System.nanoTime();
        CompletableFuture<Message> reply = serve(m, peer);
        reply.whenComplete((r, e) -> {
            metrics.call(m.getClass().getSimpleName(), e == null, System.nanoTime() - t0);
            if (audit.enabled() && !(m instanceof DataServerRequest)) {
                audit.record(m, changesNamespace(m), auditCaller(peer), peer == null ? null : peer.address(), e);
            }
        });
        return reply;
    }

    private CompletableFuture<Message> serve(Message m, PeerInfo peer) {
        String refused = RoleCheck.refusal(m, peer);
        if (refused == null) {
            refused = bindings.refusal(m, peer);
        }
        if (refused != null) {
            LOG.warn("refused from {}: {}", peer.address(), refused);
            return CompletableFuture.failedFuture(new ProtocolException(refused));
        }
        if (m instanceof ClientRequest.Login l) {
            return logins.login(l, peer);
        }
        try {
            if (!servedWhileDirty(m)) {
                namespace.journalHealth().checkReadable();
            }
            Caller caller = callerOf(peer);
            if (m instanceof AdminRequest && logins.enabled() && !permissions.isSuper(caller)) {
                LOG.warn("refused from {}: {} is not a superuser ({})", peer.address(), caller.user(),
                        m.getClass().getSimpleName());
                throw new io.jdfs.protocol.AccessDeniedException(io.jdfs.protocol.ErrorCode.NOT_PERMITTED,
                        m.getClass().getSimpleName() + " needs the superuser; " + caller.user() + " is not");
            }
            if (m instanceof ClientRequest.Complete c) {
                long start = System.nanoTime();
                CompletableFuture<Message> decision = soon(() -> namespace.writes().complete(c), 0);
                boolean atOnce = decision.isDone();
                return decision.thenCompose(reply -> {
                    long decided = System.nanoTime();
                    return durableAfterDecision(atOnce, peer).thenApply(v -> {
                        metrics.completed(decided - start, System.nanoTime() - decided);
                        return reply;
                    });
                });
            }
            if (m instanceof ClientRequest.CommitWrite c) {
                CompletableFuture<Message> decision = soon(() -> namespace.rewrites().commitWrite(c), 0);
                boolean atOnce = decision.isDone();
                return decision.thenCompose(reply -> durableAfterDecision(atOnce, peer).thenApply(v -> reply));
            }
            Message healed = healing.handle(m, peer);
            Message reply = tokens.attach(m, healed != null ? healed : dispatch(m, caller));
            if (m instanceof DataServerRequest.Register r) {
                bindings.registered(peer, r.serverId());
            }
            if (mustBeDurable(m)) {
                // answer only once the change is in the journal on disk
                return (peer == null ? syncs.now() : syncs.atBurstEnd()).thenApply(v -> reply);
            }
            return CompletableFuture.completedFuture(reply);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Completes a file or commits a rewrite, waiting here (retried at each block report, up to 100 ms)
     * for the data servers' reports of its last blocks, which usually trail the writer's close by a moment: one round trip for the
     * writer instead of a polling loop.
     */
    private CompletableFuture<Message> soon(Attempt attempt, int tries) {
        return soon(attempt, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SOON_MILLIS));
    }

    private CompletableFuture<Message> soon(Attempt attempt, long deadline) {
        CompletableFuture<Void> report = reports.next(); // before the attempt: a report in between wakes us
        boolean done;
        try {
            done = attempt.done();
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        if (done || System.nanoTime() >= deadline) {
            return CompletableFuture.completedFuture(new Reply.BoolReply(done));
        }
        // the next block report, or 5 ms at most (a report that changed nothing for this file)
        return report.copy().completeOnTimeout(null, 5, TimeUnit.MILLISECONDS)
                .thenComposeAsync(x -> soon(attempt, deadline), DECIDE);
    }

    /**
     * A close or commit decided at once (the usual case now that the writer names the servers that
     * stored its last packet) is still on its I/O thread and syncs with the rest of the read burst; one
     * that waited for reports goes on on another thread.
     */
    private CompletableFuture<Void> durableAfterDecision(boolean atOnce, PeerInfo peer) {
        if (peer == null) {
            return syncs.now();
        }
        return atOnce ? syncs.atBurstEnd() : syncs.offLoop();
    }

    @Override
    public void readComplete() {
        syncs.burstEnded();
    }

    /** A close or commit: true once done, false while the blocks it names are not reported yet. */
    private interface Attempt {
        boolean done() throws Exception;
    }

    /** What is still answered when memory holds changes the journal lost: nothing that shows the namespace. */
    private static boolean servedWhileDirty(Message m) {
        return m instanceof DataServerRequest || m instanceof ClientRequest.GetClusterStatus
                || m instanceof ClientRequest.GetMeters || m instanceof ClientRequest.GetEvents || m instanceof AdminRequest.SafeModeRequest
                || m instanceof ClientRequest.RenewLease || m instanceof ClientRequest.ReleaseRead
                || m instanceof ClientRequest.ReportBadReplica || m instanceof AdminRequest.Decommission
                || m instanceof AdminRequest.Recommission;
    }

    private static boolean changesNamespace(Message m) {
        return mustBeDurable(m) || m instanceof ClientRequest.Create || m instanceof ClientRequest.CreateWithBlock
                || m instanceof ClientRequest.OpenWrite
                || m instanceof ClientRequest.CommitWrite || m instanceof ClientRequest.Complete || m instanceof ClientRequest.Exchange;
    }

    /** Who a request came from, for the audit log (never failing: an unauthenticated peer is "-"). */
    private Caller auditCaller(PeerInfo peer) {
        try {
            return callerOf(peer);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Which answers wait for the journal sync. Creating a new file and adding its blocks do not: they
     * become durable with the file's Complete (the journal is sequential, so syncing the Complete syncs
     * them), and if the name server dies first the writer's close fails, so no acknowledged write is
     * lost; this halves the fsyncs of small files. A create that replaces a file does wait (it deletes
     * data). Heartbeat replies wait too, so no replica is deleted for a change that is not yet durable.
     */
    private static boolean mustBeDurable(Message m) {
        if (m instanceof ClientRequest.Create c) {
            return c.overwrite();
        }
        if (m instanceof ClientRequest.CreateWithBlock c) {
            return c.overwrite();
        }
        return m instanceof ClientRequest.Mkdirs || m instanceof ClientRequest.Delete || m instanceof ClientRequest.Rename
                || m instanceof ClientRequest.Exchange
                || m instanceof ClientRequest.SetTimes || m instanceof ClientRequest.SetMode || m instanceof ClientRequest.Complete
                || m instanceof ClientRequest.SetReplication || m instanceof ClientRequest.SetXattr || m instanceof ClientRequest.SetOwner
                || m instanceof ClientRequest.CreateSymlink || m instanceof ClientRequest.MakeNode || m instanceof ClientRequest.CreateLink
                || m instanceof ClientRequest.RemoveXattr
                || m instanceof ClientRequest.RecoverBlock || m instanceof DataServerRequest.Heartbeat;
    }

    private Message dispatch(Message m, Caller c) throws Exception {
        if (m instanceof ClientRequest.GetStatus r) {
            return new Reply.StatusReply(namespace.status(c, r.path()));
        } else if (m instanceof ClientRequest.ListDir r) {
            return namespace.list(c, r.path(), r.startAfter(), r.limit());
        } else if (m instanceof ClientRequest.Mkdirs r) {
            return new Reply.StatusReply(namespace.mkdirs(c, r.path(), r.mode()));
        } else if (m instanceof ClientRequest.Delete r) {
            return new Reply.BoolReply(namespace.delete(c, r.path(), r.recursive()));
        } else if (m instanceof ClientRequest.Rename r) {
            namespace.rename(c, r.source(), r.target(), r.overwrite());
            return new Reply.Ok();
        } else if (m instanceof ClientRequest.Exchange r) {
            namespace.exchange(c, r.first(), r.second());
            return new Reply.Ok();
        } else if (m instanceof ClientRequest.SetTimes r) {
            namespace.attributes().setTimes(c, r.path(), r.mtimeNanos(), r.atimeNanos(), !r.noFollow());
            return new Reply.Ok();
        } else if (m instanceof ClientRequest.SetMode r) {
            namespace.attributes().setMode(c, r.path(), r.mode());
            return new Reply.Ok();
        } else if (m instanceof ClientRequest.GetLinkStatus r) {
            return new Reply.StatusReply(namespace.status(c, r.path(), false));
        } else if (m instanceof ClientRequest.CreateSymlink r) {
            return new Reply.StatusReply(namespace.links().symlink(c, r.target(), r.path()));
        } else if (m instanceof ClientRequest.CreateLink r) {
            return new Reply.StatusReply(namespace.links().link(c, r.existing(), r.path()));
        } else if (m instanceof ClientRequest.MakeNode r) {
            return new Reply.StatusReply(namespace.links().makeNode(c, r.path(), r.type(), r.mode(), r.rdev()));
        } else if (m instanceof ClientRequest.SetOwner r) {
            namespace.attributes().setOwner(c, r.path(), r.uid(), r.gid(), !r.noFollow());
            return new Reply.Ok();
        } else if (m instanceof ClientRequest.SetReplication r) {
            namespace.attributes().setReplication(c, r.path(), r.replication());
            healing.monitor().requestScan();
            return new Reply.StatusReply(namespace.status(c, r.path()));
        } else if (m instanceof ClientRequest.Create r) {
            return new Reply.StatusReply(namespace.writes().create(c, r));
        } else if (m instanceof ClientRequest.CreateWithBlock r) {
            return namespace.writes().createWithBlock(c, r);
        } else if (m instanceof ClientRequest.AddBlock r) {
            return new Reply.LocatedBlockReply(namespace.writes().addBlock(r));
        } else if (m instanceof ClientRequest.Complete r) {
            return new Reply.BoolReply(namespace.writes().complete(r));
        } else if (m instanceof ClientRequest.OpenWrite r) {
            return namespace.rewrites().openWrite(c, r.path(), r.clientId());
        } else if (m instanceof ClientRequest.AllocateBlock r) {
            return new Reply.LocatedBlockReply(namespace.rewrites().allocateBlock(r));
        } else if (m instanceof ClientRequest.RenewLease r) {
            namespace.renewLease(r.clientId());
            return new Reply.Ok();
        } else if (m instanceof ClientRequest.GetBlockLocations r) {
            return namespace.reads().blockLocations(c, r.path(), r.offset(), r.length());
        } else if (m instanceof ClientRequest.GetXattrs r) {
            return new Reply.XattrsReply(namespace.attributes().xattrs(c, r.path()));
        } else if (m instanceof ClientRequest.SetXattr r) {
            namespace.attributes().setXattr(c, r.path(), r.name(), r.value(), r.flag());
            return new Reply.Ok();
        } else if (m instanceof ClientRequest.RemoveXattr r) {
            namespace.attributes().removeXattr(c, r.path(), r.name());
            return new Reply.Ok();
        } else if (m instanceof ClientRequest.OpenRead r) {
            return namespace.reads().openForRead(c, r.path(), r.clientId());
        } else if (m instanceof ClientRequest.LocateOpened r) {
            return namespace.reads().locateOpened(r.inodeId(), r.path(), r.clientId(), r.offset());
        } else if (m instanceof ClientRequest.ReleaseRead r) {
            namespace.reads().releaseRead(r.inodeId(), r.clientId());
            return new Reply.Ok();
        } else if (m instanceof AdminRequest.SafeModeRequest r) {
            return safeMode(r.action());
        } else if (m instanceof ClientRequest.GetClusterStatus) {
            return new Reply.ClusterStatusReply(status.clusterStatus());
        } else if (m instanceof ClientRequest.GetMeters) {
            return new Reply.MetersReply(metrics.meters());
        } else if (m instanceof DataServerRequest.Register r) {
            return dataServers.register(r);
        } else if (m instanceof DataServerRequest.Heartbeat r) {
            return dataServers.heartbeat(r);
        } else if (m instanceof DataServerRequest.BlockReport r) {
            return dataServers.blockReport(r);
        } else if (m instanceof DataServerRequest.RecoveryLength r) {
            return dataServers.recoveryLength(r);
        } else if (m instanceof DataServerRequest.BlockReceived r) {
            Message reply = dataServers.blockReceived(r);
            reports.fire();
            return reply;
        }
        throw new ProtocolException("the name server does not serve " + m.getClass().getSimpleName());
    }

    /**
     * In-process calls act as the superuser; a client as the user it logged in as (users file) or
     * claimed (simple mode; one that named no user acts as nobody); data servers act for no user.
     */
    private Caller callerOf(PeerInfo peer) throws io.jdfs.protocol.AuthenticationException {
        if (peer == null) {
            return Caller.ROOT;
        }
        Caller claimed = peer.caller() != null ? peer.caller() : NOBODY;
        if (!io.jdfs.protocol.Protocol.ROLE_CLIENT.equals(peer.role())) {
            return NOBODY;
        }
        return logins.callerOf(peer, claimed);
    }

    private static final Caller NOBODY = new Caller("nobody", 65534, 65534, java.util.List.of());

    private Message safeMode(String action) {
        var sm = namespace.safeMode();
        switch (action == null ? "" : action) {
            case "get" -> { }
            case "enter" -> sm.enterManually();
            case "leave" -> sm.leaveManually();
            default -> throw new IllegalArgumentException("safe mode action must be get, enter or leave, not '" + action + "'");
        }
        return new Reply.SafeModeReply(sm.isOn(), sm.status());
    }
}
