package io.jdfs.data;

import io.jdfs.data.metrics.DataServerMetrics;
import io.jdfs.data.scanner.BlockScanner;
import io.jdfs.data.store.BlockStore;
import io.jdfs.data.store.ContainerCompactor;
import io.jdfs.data.store.StorageIdentity;
import io.jdfs.data.transfer.BlockReplicator;
import io.jdfs.data.transfer.DataTransferHandler;
import io.jdfs.data.transfer.WriteTransferHandler;
import io.jdfs.data.transfer.TransferContext;
import io.jdfs.rpc.BlockTokens;
import io.jdfs.rpc.ClusterIdentity;
import io.jdfs.rpc.tls.ClusterCertificates;
import io.jdfs.rpc.tls.Tls;
import io.jdfs.rpc.DataConnections;
import io.jdfs.protocol.Protocol;
import io.jdfs.rpc.RpcServer;
import io.jdfs.rpc.ServerLimits;
import io.jdfs.web.WebPort;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A data server: its block store, the transfer server, the link to the name server, and its web port ({@code /metrics}). */
public final class DataServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataServer.class);

    private final DataServerConfig config;
    private final BlockStore store;
    private final StorageIdentity identity;
    private final EventExecutorGroup diskExecutors;
    private final RpcServer server;
    private final NameServerLink link;
    private final AtomicInteger activeTransfers = new AtomicInteger();
    private final DataConnections mirrors;
    private final BlockReplicator replicator;
    private final BlockScanner scanner;
    private final ContainerCompactor compactor;
    private final DataServerMetrics metrics;
    private final WebPort web;

    private DataServer(DataServerConfig config, ServerLimits limits) throws Exception {
        this.config = config;
        this.identity = StorageIdentity.loadOrCreate(config.storageDir());
        this.store = new BlockStore(config.storageDir(), config.capacity());
        store.inProgress().parkedTimeoutMillis(config.healing().parkedReplicaMillis());
        this.compactor = new ContainerCompactor(store, config.healing().compaction());
        this.metrics = new DataServerMetrics(store, activeTransfers);
        metrics.bindCompaction(compactor);
        ClusterIdentity clusterIdentity = new ClusterIdentity(identity::clusterId, config.secret(), null,
                config.tls() == null ? null : Tls.of(config.tls()));
        BlockTokens.Verifier tokens = new BlockTokens.Verifier();
        this.link = new NameServerLink(config, identity, store, activeTransfers, clusterIdentity, metrics, tokens);
        this.replicator = new BlockReplicator(store, clusterIdentity, identity.serverId(), config.healing(),
                activeTransfers, link::reportCorrupt, link::heartbeatSoon, metrics);
        link.replicator(replicator::replicate);
        this.scanner = new BlockScanner(store, config.healing(), (replica, why) -> link.reportCorrupt(replica.id()));
        this.mirrors = new DataConnections(clusterIdentity, Protocol.ROLE_DATA_SERVER);
        TransferContext ctx = new TransferContext(store, clusterIdentity, link::blockReceived, activeTransfers, mirrors,
                metrics, tokens, replicator);
        // reads, and writes of replicas in files, block on the disk (a large replica's finalize waits for
        // its sync): with more threads, one slow transfer does not hold up the others
        this.diskExecutors = new DefaultEventExecutorGroup(Math.max(16, Runtime.getRuntime().availableProcessors() * 4),
                new DefaultThreadFactory("jdfs-ds-disk", true));
        // writes are served on the I/O threads, handing only their disk work to the disk threads (small
        // replicas: to the container committer)
        this.server = new RpcServer("jdfs-ds", config.host(), config.port(), Protocol.ROLE_DATA_SERVER, clusterIdentity,
                () -> new DataTransferHandler(ctx), diskExecutors, limits,
                () -> new WriteTransferHandler(ctx, diskExecutors));
        WebPort w = null;
        try {
            w = config.webPort() < 0 ? null : new WebPort("jdfs-ds-web", config.host(), config.webPort(),
                    metrics::scrape, List.of(), config.tls() == null ? null
                    : new WebPort.Https(config.tls().keyStore(), config.tls().password(), ClusterCertificates.NODE_ALIAS));
        } catch (Exception e) {
            server.close();
            store.close();
            throw new java.io.IOException("cannot open the web port " + config.host() + ":" + config.webPort()
                    + " (in use? --web-port picks another, 0 a free one): " + e.getMessage(), e);
        }
        this.web = w;
        link.start(server.port());
        scanner.start();
        compactor.start();
    }

    public static DataServer start(DataServerConfig config) throws Exception {
        return start(config, ServerLimits.forData());
    }

    /** @param limits what the data port tolerates of a peer (the launcher's dataserver.* limit settings) */
    public static DataServer start(DataServerConfig config, ServerLimits limits) throws Exception {
        DataServer ds = new DataServer(config, limits);
        LOG.info("data server {} serving {} on {}:{}{}, name server {}", ds.identity.serverId(), config.storageDir(),
                config.host(), ds.port(), ds.web == null ? "" : ", metrics on port " + ds.webPort(), config.nameServer());
        return ds;
    }

    public int port() {
        return server.port();
    }

    /** The web port serving {@code /metrics}, or -1 without one. */
    public int webPort() {
        return web == null ? -1 : web.port();
    }

    public DataServerMetrics metrics() {
        return metrics;
    }

    public String serverId() {
        return identity.serverId();
    }

    public BlockStore store() {
        return store;
    }

    /** Compacts containers of small replicas that are mostly deleted ones. */
    public ContainerCompactor compactor() {
        return compactor;
    }

    public BlockScanner scanner() {
        return scanner;
    }

    public DataServerConfig config() {
        return config;
    }

    /**
     * Makes the data port behave as if cut off the network (connections accepted by the kernel, nothing
     * read or answered) or undoes that; heartbeats go on, so the name server still lists its replicas.
     * For tests and benchmarks of readers facing a server that stops answering.
     */
    public void setFrozen(boolean frozen) {
        server.setFrozen(frozen);
        LOG.info("data server {} {}", identity.serverId(), frozen ? "frozen: its data port answers nothing" : "thawed");
    }

    /** True once the name server accepted this server's registration and first block report. */
    public boolean registered() {
        return link.registered();
    }

    /** Why the last attempt to register failed; empty once registered. */
    public String lastError() {
        return link.lastError();
    }

    @Override
    public void close() {
        stop(true);
    }

    /**
     * Stops as a killed process would, for crash tests: the network goes, but the block store gets
     * no final sync (what was not yet synced is left as the page cache has it).
     */
    public void crash() {
        stop(false);
    }

    private void stop(boolean syncStore) {
        scanner.close();
        compactor.close();
        replicator.close();
        link.close();
        server.close();
        mirrors.close();
        if (web != null) {
            try {
                web.close();
            } catch (Exception e) {
                LOG.debug("web port of {} did not stop cleanly", identity.serverId(), e);
            }
        }
        if (syncStore) {
            store.close();
        } else {
            store.closeWithoutSync();
        }
        LOG.info("data server {} stopped", identity.serverId());
    }
}
