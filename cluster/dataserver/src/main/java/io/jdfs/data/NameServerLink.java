package io.jdfs.data;

import io.jdfs.data.metrics.DataServerMetrics;
import io.jdfs.data.store.BlockStore;
import io.jdfs.data.store.StorageIdentity;
import io.jdfs.protocol.AuthenticationException;
import io.jdfs.protocol.Block;
import io.jdfs.rpc.BlockTokens;
import io.jdfs.rpc.ClusterIdentity;
import io.jdfs.protocol.Command;
import io.jdfs.protocol.Errors;
import io.jdfs.protocol.ClientRequest;
import io.jdfs.protocol.DataServerRequest;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.Message;
import io.jdfs.protocol.Protocol;
import io.jdfs.rpc.RetryPolicy;
import io.jdfs.rpc.RpcClient;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A data server's side of the conversation with the name server: register, full block report,
 * heartbeats that bring back commands, and incremental reports of blocks received and deleted.
 * When the name server goes away the data server keeps serving and registers again, with back-off.
 * Everything runs on one thread, except the incremental reports of finalized replicas, which the
 * finalizing thread sends itself; a full report waits until no incremental report is on its way.
 */
final class NameServerLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NameServerLink.class);
    /** Registration: 100 ms doubling to 5 s, for as long as it takes. */
    private static final RetryPolicy REGISTER = RetryPolicy.backoff(100, 5_000);
    /** A name server that refused this server (wrong cluster or secret) is asked again this rarely. */
    private static final long REFUSED_RETRY_MILLIS = 30_000;

    private final DataServerConfig config;
    private final StorageIdentity identity;
    private final BlockStore store;
    private final AtomicInteger activeTransfers;
    private final RpcClient rpc;
    private final ScheduledExecutorService exec;
    private final ConcurrentLinkedQueue<Block> received = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> deleted = new ConcurrentLinkedQueue<>();
    private final AtomicLong reportIds = new AtomicLong();
    private volatile boolean registered;
    private volatile boolean closed;
    private volatile String lastError = "";
    private volatile String fileSystem;
    private int advertisedPort;
    private final RetryPolicy.Attempts registering = REGISTER.start();
    private ScheduledFuture<?> heartbeats;
    private long nextFullReportNanos;
    private long blockReportIntervalMillis;
    private volatile Consumer<Command.ReplicateBlock> replicator =
            r -> LOG.debug("replication of {} requested; no replicator", r.block());
    private final AtomicBoolean heartbeatSoon = new AtomicBoolean();
    private final DataServerMetrics metrics;
    private final ReplicaRecoveries recoveries;

    private final BlockTokens.Verifier tokens;

    NameServerLink(DataServerConfig config, StorageIdentity identity, BlockStore store, AtomicInteger activeTransfers,
                   ClusterIdentity clusterIdentity, DataServerMetrics metrics, BlockTokens.Verifier tokens) {
        this.metrics = metrics;
        this.config = config;
        this.tokens = tokens;
        this.identity = identity;
        this.store = store;
        this.activeTransfers = activeTransfers;
        this.rpc = new RpcClient(config.nameServer().host(), config.nameServer().port(), Protocol.ROLE_DATA_SERVER,
                clusterIdentity, 30_000);
        this.exec = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("jdfs-ds-link", true));
        this.recoveries = new ReplicaRecoveries(store, this::recoveryLength, this::blockReceived);
    }

    /** Answers a block recovery's RecoverReplica: the length of the replica held here. */
    private void recoveryLength(long blockId, long generation, long length, String why) {
        if (!closed && registered) {
            rpc.call(new DataServerRequest.RecoveryLength(identity.serverId(), blockId, generation, length, why))
                    .exceptionally(e -> {
                        LOG.info("could not tell the length of block {} to the name server: {}", blockId, e.toString());
                        return null; // the recovery goes on without this server
                    });
        }
    }

    void start(int port) {
        this.advertisedPort = port;
        exec.execute(this::connect);
        // replicas parked after a broken pipeline that no recovery resumed give back their bytes
        long sweep = Math.max(100, Math.min(30_000, store.inProgress().parkedTimeoutMillis() / 4));
        exec.scheduleWithFixedDelay(() -> {
            try {
                store.inProgress().expireParked();
            } catch (RuntimeException e) {
                LOG.warn("could not drop expired parked replicas: {}", e.toString());
            }
        }, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    boolean registered() {
        return registered;
    }

    /** Asked once: the device of the storage directory does not change while the server runs. */
    private String fileSystem() {
        String fs = fileSystem;
        if (fs == null) {
            fs = store.fileSystem();
            fileSystem = fs;
        }
        return fs;
    }

    String lastError() {
        return lastError;
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            Reply.RegisterReply reply = call(new DataServerRequest.Register(identity.serverId(), config.host(),
                    advertisedPort, store.capacity(), store.used(), config.rack(), store.remaining(), fileSystem(),
                    store.fileSystemFree()), Reply.RegisterReply.class);
            if (!identity.clusterId().isEmpty() && !identity.clusterId().equals(reply.clusterId())) {
                throw new AuthenticationException("this data server belongs to cluster " + identity.clusterId()
                        + " but the name server at " + rpc.address() + " runs cluster " + reply.clusterId());
            }
            identity.joined(reply.clusterId());
            tokens.update(reply.blockKeys(), System.currentTimeMillis());
            blockReportIntervalMillis = reply.blockReportIntervalMillis();
            fullReport();
            registered = true;
            sendIncremental(); // replicas finalized while registering
            registering.reset();
            lastError = "";
            LOG.info("registered with name server {} (cluster {})", rpc.address(), reply.clusterId());
            if (heartbeats != null) {
                heartbeats.cancel(false);
            }
            long interval = Math.max(50, reply.heartbeatIntervalMillis());
            heartbeats = exec.scheduleWithFixedDelay(this::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            Throwable c = Errors.unwrap(e);
            lastError = c.getMessage();
            long pause;
            if (c instanceof AuthenticationException) {
                LOG.error("name server {} refused this data server: {}", rpc.address(), c.getMessage());
                pause = REFUSED_RETRY_MILLIS;
            } else {
                pause = registering.nextDelay();
                LOG.info("name server {} not reachable ({}); retrying in {} ms", rpc.address(), c.getMessage(), pause);
            }
            exec.schedule(this::connect, pause, TimeUnit.MILLISECONDS);
        }
    }

    /** A call to the name server, timed for the metrics. */
    private <T extends Message> T call(Message m, Class<T> reply) throws Exception {
        long t0 = System.nanoTime();
        boolean ok = false;
        try {
            T r = rpc.callSync(m, reply);
            ok = true;
            return r;
        } finally {
            metrics.nameServerCall(m.getClass().getSimpleName(), ok, System.nanoTime() - t0);
        }
    }

    private void fullReport() throws Exception {
        synchronized (reportLock) {
            while (reporting) {
                reportLock.wait();
            }
            reporting = true;
        }
        try {
            sendFullReport();
        } finally {
            synchronized (reportLock) {
                reporting = false;
                reportLock.notifyAll();
            }
        }
    }

    private void sendFullReport() throws Exception {
        List<Block> all = store.report();
        long id = reportIds.incrementAndGet();
        int parts = Math.max(1, (all.size() + Protocol.REPORT_PART - 1) / Protocol.REPORT_PART);
        for (int i = 0; i < parts; i++) {
            List<Block> part = all.subList(i * Protocol.REPORT_PART, Math.min(all.size(), (i + 1) * Protocol.REPORT_PART));
            call(new DataServerRequest.BlockReport(identity.serverId(), id, new ArrayList<>(part), i == parts - 1),
                    Message.class);
        }
        nextFullReportNanos = System.nanoTime() + blockReportIntervalMillis * 1_000_000;
    }

    private void heartbeat() {
        if (closed || !registered) {
            return;
        }
        try {
            sendIncremental();
            Reply.HeartbeatReply reply = call(new DataServerRequest.Heartbeat(identity.serverId(), store.capacity(),
                    store.used(), store.remaining(), activeTransfers.get(), store.replicas().size(), fileSystem(),
                    store.fileSystemFree(), metrics.bytesRead(), metrics.bytesWritten()),
                    Reply.HeartbeatReply.class);
            for (Command c : reply.commands()) {
                execute(c);
            }
            if (registered && System.nanoTime() > nextFullReportNanos) {
                fullReport();
            }
        } catch (Exception e) {
            lost(e);
        }
    }

    private void execute(Command c) {
        if (c instanceof Command.DeleteBlocks d) {
            for (Long id : d.blockIds()) {
                if (store.delete(id)) {
                    deleted.add(id);
                }
            }
            for (Block stale : d.stale()) {
                var r = store.get(stale.id());
                if (r != null && r.block().generation() <= stale.generation() && store.delete(stale.id())) {
                    deleted.add(stale.id());
                }
                store.inProgress().dropParked(stale.id(), stale.generation());
            }
            LOG.debug("deleted replicas on the name server's request: {} blocks, {} stale",
                    d.blockIds().size(), d.stale().size());
        } else if (c instanceof Command.Reregister) {
            LOG.info("name server {} asks to register again", rpc.address());
            registered = false;
            exec.execute(this::connect);
        } else if (c instanceof Command.ReplicateBlock r) {
            replicator.accept(r);
        } else if (c instanceof Command.RecoverReplica || c instanceof Command.FinalizeRecovered) {
            recoveries.execute(c);
        } else if (c instanceof Command.BlockKeys k) {
            tokens.update(k.keys(), System.currentTimeMillis());
            LOG.debug("block keys now {}", k.keys());
        }
    }

    private void lost(Exception e) {
        if (closed || !registered) {
            return;
        }
        registered = false;
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
        LOG.warn("lost the name server {}: {}; reconnecting", rpc.address(), Errors.unwrap(e).getMessage());
        exec.execute(this::connect);
    }

    /**
     * Called by block receivers when a replica is finalized: reported at once from the calling thread
     * (no hand-off to the link's thread: a small file's close waits for this report), or, while a report
     * is on its way, with the next one, which its reply sends.
     */
    void blockReceived(Block b) {
        received.add(b);
        sendIncremental();
    }

    /** Sends the replicas received and deleted since the last report, unless a report is on its way. */
    private void sendIncremental() {
        if (closed || !registered) {
            return;
        }
        DataServerRequest.BlockReceived m;
        synchronized (reportLock) {
            if (reporting) {
                return;
            }
            List<Block> got = new ArrayList<>();
            List<Long> gone = new ArrayList<>();
            for (Block b; (b = received.poll()) != null; ) {
                got.add(b);
            }
            for (Long id; (id = deleted.poll()) != null; ) {
                gone.add(id);
            }
            if (got.isEmpty() && gone.isEmpty()) {
                return;
            }
            reporting = true;
            m = new DataServerRequest.BlockReceived(identity.serverId(), got, gone);
        }
        long t0 = System.nanoTime();
        rpc.call(m).whenComplete((reply, err) -> {
            metrics.nameServerCall("BlockReceived", err == null, System.nanoTime() - t0);
            synchronized (reportLock) {
                reporting = false;
                reportLock.notifyAll();
            }
            if (err != null) {
                // the reconnect's full report covers what this one carried
                exec.execute(() -> lost(err instanceof Exception e ? e : new RuntimeException(err)));
                return;
            }
            if (reply instanceof Reply.HeartbeatReply h && !h.commands().isEmpty()) {
                exec.execute(() -> {
                    for (Command c : h.commands()) {
                        execute(c);
                    }
                });
            }
            sendIncremental(); // what was finalized meanwhile
        });
    }

    /** Reports on their way: a full report waits until no incremental one is, so it cannot overtake one. */
    private final Object reportLock = new Object();
    private boolean reporting;

    // ---- self-healing (issue 4) ----

    /** Who executes the name server's ReplicateBlock commands. */
    void replicator(Consumer<Command.ReplicateBlock> r) {
        this.replicator = r;
    }

    /** Reports a replica of this server found corrupt (by the scanner or a copy). */
    void reportCorrupt(long blockId) {
        if (closed) {
            return;
        }
        exec.execute(() -> {
            if (registered) {
                rpc.call(new ClientRequest.ReportBadReplica(blockId, identity.serverId())).exceptionally(e -> {
                    LOG.debug("report of corrupt block {} failed: {}", blockId, e.toString());
                    return null;
                });
            }
        });
    }

    /** Sends a heartbeat now rather than at the next interval (a copy finished: ask for more work). */
    void heartbeatSoon() {
        if (!closed && heartbeatSoon.compareAndSet(false, true)) {
            // a moment later, so the target's report of the copy reaches the name server first
            exec.schedule(() -> {
                heartbeatSoon.set(false);
                heartbeat();
            }, 30, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        closed = true;
        recoveries.close();
        exec.shutdownNow();
        try {
            // a deletion in progress finishes before the server reports itself stopped
            exec.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rpc.close();
    }
}
