package io.jdfs.name;

import io.jdfs.name.admin.AdminHttpServer;
import io.jdfs.name.blocks.BlockMap;
import io.jdfs.name.lease.LeaseManager;
import io.jdfs.name.namespace.Namespace;
import io.jdfs.name.placement.BlockPlacementPolicy;
import io.jdfs.name.replication.ReplicationConfig;
import io.jdfs.name.rpc.NameRpcHandler;
import io.jdfs.name.servers.DataServerRegistry;
import io.jdfs.protocol.ClusterIdentity;
import io.jdfs.protocol.Protocol;
import io.jdfs.protocol.RpcDispatcher;
import io.jdfs.protocol.RpcServer;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The name server: composes namespace, block map, server registry, leases, RPC and the web port. */
public final class NameServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NameServer.class);

    private final NameServerConfig config;
    private final String clusterId;
    private final BlockMap blockMap = new BlockMap();
    private final DataServerRegistry registry;
    private final NamespaceService namespace;
    private final StatusService status;
    private final RpcServer rpc;
    private final AdminHttpServer web;
    private final ScheduledExecutorService monitor;
    private final HealingService healing;

    private NameServer(NameServerConfig config, ReplicationConfig replication) throws Exception {
        this.config = config;
        this.clusterId = config.metaDir() != null ? ClusterIdStore.loadOrCreate(config.metaDir()) : ClusterIdStore.newClusterId();
        this.registry = new DataServerRegistry(config.staleAfterMillis(), config.deadAfterMillis(),
                this::serverDead);
        Namespace ns = new Namespace();
        ns.seedBlockIds(System.currentTimeMillis() << 16);
        BlockPlacementPolicy placement = new BlockPlacementPolicy();
        this.namespace = new NamespaceService(ns, blockMap, registry, placement,
                new LeaseManager(config.leaseExpiryMillis()), config);
        this.status = new StatusService(clusterId, registry, blockMap, namespace);
        this.healing = new HealingService(registry, blockMap, placement, namespace, replication);
        DataServerService dataServers = new DataServerService(registry, blockMap, config, clusterId, healing.monitor());
        NameRpcHandler handler = new NameRpcHandler(namespace, dataServers, status, healing);
        ClusterIdentity identity = new ClusterIdentity(() -> clusterId, config.secret());
        RpcServer r = null;
        AdminHttpServer w = null;
        try {
            r = new RpcServer("jdfs-ns", config.bindHost(), config.port(), Protocol.ROLE_NAME_SERVER, identity,
                    () -> new RpcDispatcher(handler));
            w = config.webPort() < 0 ? null : new AdminHttpServer(config.bindHost(), config.webPort(), status, healing.events());
        } catch (Exception e) {
            if (r != null) {
                r.close();
            }
            healing.close();
            throw e;
        }
        this.rpc = r;
        this.web = w;
        this.monitor = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("jdfs-ns-monitor", true));
        long tick = Math.max(100, config.heartbeatIntervalMillis() / 2);
        monitor.scheduleWithFixedDelay(this::checkHealth, tick, tick, TimeUnit.MILLISECONDS);
        healing.start();
    }

    public static NameServer start(NameServerConfig config) throws Exception {
        return start(config, ReplicationConfig.from(config));
    }

    public static NameServer start(NameServerConfig config, ReplicationConfig replication) throws Exception {
        NameServer s = new NameServer(config, replication);
        LOG.info("name server of cluster {} listening on {}:{}{}", s.clusterId, config.bindHost(), s.port(),
                s.web == null ? "" : ", web on port " + s.webPort());
        return s;
    }

    private void serverDead(io.jdfs.name.servers.DataServerDescriptor d) {
        healing.monitor().serverDead(d);
    }

    private void checkHealth() {
        try {
            registry.checkLiveness(System.nanoTime());
            namespace.recoverExpiredLeases();
        } catch (RuntimeException e) {
            LOG.warn("health check failed", e);
        }
    }

    public int port() {
        return rpc.port();
    }

    public int webPort() {
        return web == null ? -1 : web.port();
    }

    public String clusterId() {
        return clusterId;
    }

    public StatusService status() {
        return status;
    }

    public HealingService healing() {
        return healing;
    }

    public NameServerConfig config() {
        return config;
    }

    @Override
    public void close() {
        monitor.shutdownNow();
        healing.close();
        rpc.close();
        if (web != null) {
            try {
                web.close();
            } catch (Exception e) {
                LOG.debug("web server stop failed", e);
            }
        }
        LOG.info("name server stopped");
    }
}
