package io.jdfs.name;

import io.jdfs.name.admin.AdminHttpServer;
import io.jdfs.name.blocks.BlockMap;
import io.jdfs.name.journal.MetadataStore;
import io.jdfs.name.journal.RecordLog;
import io.jdfs.name.events.EventLog;
import io.jdfs.name.lease.LeaseManager;
import io.jdfs.name.metrics.NameServerMetrics;
import io.jdfs.name.permission.Permissions;
import io.jdfs.name.permission.ProcessUser;
import io.jdfs.name.namespace.Namespace;
import io.jdfs.name.placement.BlockPlacementPolicy;
import io.jdfs.name.replication.ReplicationConfig;
import io.jdfs.name.rpc.NameRpcHandler;
import io.jdfs.name.tokens.BlockTokenIssuer;
import io.jdfs.name.auth.Logins;
import io.jdfs.name.safemode.SafeMode;
import io.jdfs.name.servers.DataServerRegistry;
import io.jdfs.rpc.ClusterIdentity;
import io.jdfs.rpc.tls.Tls;
import io.jdfs.protocol.Protocol;
import io.jdfs.rpc.RpcDispatcher;
import io.jdfs.rpc.RpcServer;
import io.jdfs.rpc.ServerLimits;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The name server: loads its metadata (checkpoint + journal), then composes namespace, block map,
 * server registry, leases, safe mode, RPC and the web port.
 */
public final class NameServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NameServer.class);

    private final NameServerConfig config;
    private final String clusterId;
    private final BlockMap blockMap;
    private final DataServerRegistry registry;
    private final NamespaceService namespace;
    private final StatusService status;
    private final NameServerMetrics metrics;
    private final MetadataStore store;
    private final RpcServer rpc;
    private final AdminHttpServer web;
    private final BlockTokenIssuer blockTokens;
    private final Logins logins;
    private final io.jdfs.name.audit.AuditLog audit;
    private final ScheduledExecutorService monitor;
    private final long startupMillis;
    private volatile long lastCheckpointNanos = System.nanoTime();
    private volatile HealingService healing;

    private NameServer(NameServerConfig config, ReplicationConfig replication, ServerLimits limits) throws Exception {
        long t0 = System.nanoTime();
        this.config = config;
        Namespace ns;
        RecordLog log;
        boolean needsSafeMode = false;
        if (config.metaDir() != null) {
            this.clusterId = ClusterIdStore.loadOrCreate(config.metaDir());
            MetadataStore.Loaded loaded = MetadataStore.load(config.metaDir());
            LOG.info("metadata loaded from {}: checkpoint at transaction {}, {} transactions replayed, {} files, {} blocks",
                    config.metaDir(), loaded.checkpointTxid(), loaded.replayed(), loaded.namespace().files(),
                    loaded.blockMap().size());
            this.store = MetadataStore.open(config.metaDir(), loaded, config.durability().fsync());
            ns = loaded.namespace();
            // block allocations are made durable with their file's Complete: ids handed out but lost in
            // a crash must never be handed out again, so restart far above the last one journaled
            ns.seedBlockIds(ns.lastBlockId() + (1L << 24));
            this.blockMap = loaded.blockMap();
            log = store.journal();
            needsSafeMode = blockMap.size() > 0;
        } else {
            this.clusterId = ClusterIdStore.newClusterId();
            this.store = null;
            ns = new Namespace();
            ns.seedBlockIds(System.currentTimeMillis() << 16);
            this.blockMap = new BlockMap();
            log = RecordLog.NONE;
        }
        SafeMode safeMode = new SafeMode(config.durability().safeModeThreshold(),
                config.durability().safeModeTimeoutMillis(), () -> {
            afterSafeMode();
            if (store != null) {
                int n = blockMap.deleteUnknownReplicas();
                if (n > 0) {
                    LOG.info("{} replicas of blocks the namespace no longer knows will be deleted", n);
                }
            }
        });
        if (needsSafeMode) {
            safeMode.enterForStartup();
        } else if (store != null) {
            blockMap.deleteUnknownReplicas();
        }
        this.registry = new DataServerRegistry(config.staleAfterMillis(), config.deadAfterMillis(),
                this::serverDead);
        BlockPlacementPolicy placement = new BlockPlacementPolicy();
        EventLog events = new EventLog();
        Permissions permissions = new Permissions(ProcessUser.uid(), config.supergroup());
        this.namespace = new NamespaceService(ns, blockMap, registry, placement,
                new LeaseManager(config.leaseExpiryMillis()), config, log, safeMode, events, permissions);
        namespace.restoreLeases();
        this.status = new StatusService(clusterId, registry, blockMap, namespace);
        this.healing = new HealingService(registry, blockMap, placement, namespace, replication, events);
        if (config.metaDir() != null) {
            healing.monitor().persistTo(io.jdfs.name.replication.HealingStateFile.open(config.metaDir()));
        }
        DataServerService dataServers = new DataServerService(registry, blockMap, config, clusterId, healing.monitor());
        dataServers.recoveries(namespace.blockRecovery());
        this.metrics = new NameServerMetrics(status::clusterStatus,
                () -> store == null ? 0 : store.journal().lastTxid(), this::journalSyncs)
                .replication(healing.monitor()).traffic(dataServers.traffic());
        if (store != null) {
            store.journal().onSync(metrics::journalSynced);
        }
        this.blockTokens = BlockTokenIssuer.withDefaults();
        this.logins = config.usersFile() == null ? Logins.simple()
                : Logins.withUsers(config.usersFile(), config.metaDir(), Logins.DEFAULT_TOKEN_LIFETIME_MILLIS)
                        .withProxyUsers(config.access().proxyUsers());
        LOG.info("callers: {}", logins.describe());
        this.audit = config.access().auditLog() == null ? io.jdfs.name.audit.AuditLog.off()
                : io.jdfs.name.audit.AuditLog.to(config.access().auditLog());
        if (audit.enabled()) {
            LOG.info("audit log: {}", config.access().auditLog());
        }
        NameRpcHandler handler = new NameRpcHandler(namespace, dataServers, status, healing, metrics, blockTokens,
                logins, permissions, audit);
        ClusterIdentity identity = new ClusterIdentity(() -> clusterId, config.secret(), null,
                config.tls() == null ? null : Tls.of(config.tls()));
        RpcServer r = null;
        AdminHttpServer w = null;
        try {
            r = new RpcServer("jdfs-ns", config.bindHost(), config.port(), Protocol.ROLE_NAME_SERVER, identity,
                    () -> new RpcDispatcher(handler, limits.maxInFlight()), null, limits);
            w = config.webPort() < 0 ? null : new AdminHttpServer(config.bindHost(), config.webPort(), status, healing.events(),
                    metrics::scrape, metrics::meters, config.tls());
        } catch (Exception e) {
            if (r != null) {
                r.close();
            }
            healing.close();
            if (store != null) {
                store.close();
            }
            throw e;
        }
        this.rpc = r;
        this.web = w;
        this.monitor = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("jdfs-ns-monitor", true));
        long tick = Math.max(100, config.heartbeatIntervalMillis() / 2);
        monitor.scheduleWithFixedDelay(this::checkHealth, tick, tick, TimeUnit.MILLISECONDS);
        healing.monitor().pauseWhile(safeMode::isOn);
        healing.start();
        this.startupMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    public static NameServer start(NameServerConfig config) throws Exception {
        return start(config, ReplicationConfig.from(config));
    }

    public static NameServer start(NameServerConfig config, ReplicationConfig replication) throws Exception {
        return start(config, replication, ServerLimits.defaults());
    }

    /** @param limits what the RPC port tolerates of a peer (the launcher's nameserver.* limit settings) */
    public static NameServer start(NameServerConfig config, ReplicationConfig replication, ServerLimits limits)
            throws Exception {
        NameServer s = new NameServer(config, replication, limits);
        LOG.info("name server of cluster {} listening on {}:{}{} (started in {} ms)", s.clusterId, config.bindHost(),
                s.port(), s.web == null ? "" : ", web on port " + s.webPort(), s.startupMillis);
        return s;
    }

    /** Safe mode is over: every block's replication is checked afresh. */
    private void afterSafeMode() {
        HealingService h = healing;
        if (h != null) {
            h.monitor().requestScan();
        }
    }

    private void serverDead(io.jdfs.name.servers.DataServerDescriptor d) {
        healing.monitor().serverDead(d);
        namespace.blockRecovery().serverDead(d.id());
    }

    /** Creates the metadata directory of a new cluster; refuses when one exists there already. */
    public static String format(Path metaDir) throws IOException {
        if (Files.exists(metaDir.resolve("VERSION"))) {
            throw new IOException(metaDir + " already holds a cluster (" + ClusterIdStore.loadOrCreate(metaDir)
                    + "); formatting it again would lose every file: remove it by hand if that is meant");
        }
        if (Files.isDirectory(metaDir)) {
            try (var s = Files.list(metaDir)) {
                if (s.findAny().isPresent()) {
                    throw new IOException(metaDir + " is not empty; refusing to format it");
                }
            }
        }
        return ClusterIdStore.loadOrCreate(metaDir);
    }

    private void checkHealth() {
        try {
            registry.checkLiveness(System.nanoTime());
            SafeMode sm = namespace.safeMode();
            if (sm.isOn()) {
                long[] rc = blockMap.reportedCommitted();
                sm.update(rc[0], rc[1]);
            }
            namespace.recoverExpiredLeases();
            maybeCheckpoint();
        } catch (Exception e) {
            LOG.warn("health check failed", e);
        }
    }

    private void maybeCheckpoint() throws IOException {
        if (store == null) {
            return;
        }
        NameServerConfig.Durability d = config.durability();
        long since = store.transactionsSinceCheckpoint();
        boolean due = since >= d.checkpointTxns()
                || (since > 0 && System.nanoTime() - lastCheckpointNanos > d.checkpointPeriodMillis() * 1_000_000);
        if (due) {
            checkpoint();
        }
    }

    /** Writes a checkpoint now (also done every N transactions, every M minutes and at shutdown). */
    public void checkpoint() throws IOException {
        if (store != null) {
            namespace.checkpoint(store);
            lastCheckpointNanos = System.nanoTime();
        }
    }

    public int port() {
        return rpc.port();
    }

    public int webPort() {
        return web == null ? -1 : web.port();
    }

    /** The web server (JSON admin API), to which the launcher adds the console; null without a web port. */
    public AdminHttpServer web() {
        return web;
    }

    public String clusterId() {
        return clusterId;
    }

    public StatusService status() {
        return status;
    }

    /** The name server's meters (what {@code /metrics} serves). */
    public NameServerMetrics metrics() {
        return metrics;
    }

    public NamespaceService namespace() {
        return namespace;
    }

    public HealingService healing() {
        return healing;
    }

    /** Signs block access tokens (tests make their own, e.g. expired ones). */
    public BlockTokenIssuer blockTokens() {
        return blockTokens;
    }

    public NameServerConfig config() {
        return config;
    }

    public long startupMillis() {
        return startupMillis;
    }

    public boolean inSafeMode() {
        return namespace.safeMode().isOn();
    }

    /** fsyncs of the journal so far (for benchmarks). */
    public long journalSyncs() {
        return store == null ? 0 : store.journal().fsyncCount();
    }

    @Override
    public void close() {
        monitor.shutdownNow();
        try {
            monitor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        healing.close();
        rpc.close();
        if (web != null) {
            try {
                web.close();
            } catch (Exception e) {
                LOG.debug("web server stop failed", e);
            }
        }
        if (store != null) {
            try {
                namespace.checkpoint(store);
                store.close();
            } catch (IOException e) {
                LOG.error("could not write the shutdown checkpoint: {}", e.getMessage());
            }
        }
        try {
            audit.close();
        } catch (IOException e) {
            LOG.debug("audit log close failed: {}", e.getMessage());
        }
        LOG.info("name server stopped");
    }
}
