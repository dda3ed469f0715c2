package io.jdfs.local;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.DfsClient;
import io.jdfs.common.HostPort;
import io.jdfs.data.DataServer;
import io.jdfs.data.DataServerConfig;
import io.jdfs.data.HealingSettings;
import io.jdfs.name.NameServer;
import io.jdfs.name.NameServerConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A name server and N data servers in one process: what {@code dfs local} runs and what every
 * integration test stands on. Data servers are numbered from 0; each keeps its storage under
 * {@code base/ds<N>} so it can be stopped and started again with its blocks.
 */
public final class LocalCluster implements AutoCloseable {
    private final Path base;
    private final String host;
    private NameServer nameServer;
    private final NameServerConfig nsConfig;
    private final List<DataServer> dataServers = new ArrayList<>();
    private final List<Integer> dataPorts = new ArrayList<>();
    private final long capacity;
    private final String secret;
    private HealingSettings healing = HealingSettings.defaults();
    private List<String> racks = List.of();

    private LocalCluster(Path base, String host, NameServer ns, NameServerConfig nsConfig, long capacity, String secret) {
        this.nsConfig = nsConfig;
        this.base = base;
        this.host = host;
        this.nameServer = ns;
        this.capacity = capacity;
        this.secret = secret;
    }

    /**
     * Starts a cluster.
     *
     * @param firstDataPort port of the first data server (the others follow); 0 for ephemeral ports
     */
    public static LocalCluster start(Path base, NameServerConfig nsConfig, int dataServers, int firstDataPort,
                                     long capacity) throws Exception {
        return start(base, nsConfig, dataServers, firstDataPort, capacity, HealingSettings.defaults());
    }

    /** Starts a cluster whose data servers scan and copy blocks with the given settings. */
    public static LocalCluster start(Path base, NameServerConfig nsConfig, int dataServers, int firstDataPort,
                                     long capacity, HealingSettings healing) throws Exception {
        return start(base, nsConfig, dataServers, firstDataPort, capacity, healing, List.of());
    }

    /** A test cluster whose data server i stands in {@code racks.get(i)}; as many servers as racks given. */
    public static LocalCluster withRacks(Path base, NameServerConfig nsConfig, List<String> racks) throws Exception {
        return start(base, nsConfig, racks.size(), 0, 0, HealingSettings.defaults(), racks);
    }

    private static LocalCluster start(Path base, NameServerConfig nsConfig, int dataServers, int firstDataPort,
                                      long capacity, HealingSettings healing, List<String> racks) throws Exception {
        NameServerConfig cfg = nsConfig.metaDir() == null ? nsConfig.withMetaDir(base.resolve("name")) : nsConfig;
        NameServer ns = NameServer.start(cfg);
        String host = nsConfig.bindHost().equals("0.0.0.0") ? "127.0.0.1" : nsConfig.bindHost();
        LocalCluster c = new LocalCluster(base, host, ns, cfg, capacity, nsConfig.secret());
        c.healing = healing;
        c.racks = List.copyOf(racks);
        try {
            for (int i = 0; i < dataServers; i++) {
                c.dataPorts.add(firstDataPort == 0 ? 0 : firstDataPort + i);
                c.dataServers.add(null);
                c.startDataServer(i);
            }
            c.awaitRegistered(Duration.ofSeconds(30));
        } catch (Exception e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** A test cluster: loopback, ephemeral ports, quick liveness checks. */
    public static LocalCluster forTests(Path base, int dataServers) throws Exception {
        return start(base, NameServerConfig.forTests(), dataServers, 0, 0);
    }

    public NameServer nameServer() {
        return nameServer;
    }

    public String nameServerAddress() {
        return host + ":" + nameServer.port();
    }

    public List<DataServer> dataServers() {
        return dataServers;
    }

    public DataServer dataServer(int i) {
        return dataServers.get(i);
    }

    /** The web port ({@code /metrics}) of data server i, or -1 when it has none or is stopped. */
    public int dataServerWebPort(int i) {
        DataServer ds = dataServers.get(i);
        return ds == null ? -1 : ds.webPort();
    }

    public Path storageDir(int i) {
        return base.resolve("ds" + i);
    }

    /**
     * Stops the name server (cleanly: it writes a checkpoint) and starts it again on the same ports
     * from its metadata directory, while the data servers keep running.
     */
    public NameServer restartNameServer() throws Exception {
        int port = nameServer.port();
        nameServer.close();
        return restartNameServerOnPort(port);
    }

    /** Starts the name server again on {@code port} after it was closed. */
    public NameServer restartNameServerOnPort(int port) throws Exception {
        nameServer = NameServer.start(nsConfig.withAddress(nsConfig.bindHost(), port, nsConfig.webPort()));
        return nameServer;
    }

    /** Starts data server i (again), on the port it had before when it had one. */
    public DataServer startDataServer(int i) throws Exception {
        DataServerConfig cfg = new DataServerConfig(host, dataPorts.get(i), storageDir(i),
                new HostPort(host, nameServer.port()), capacity, secret, healing)
                .withRack(racks.isEmpty() ? null : racks.get(i % racks.size()))
                // a web port (/metrics) on a free port, like the name server's, unless the name server has none
                .withWebPort(nsConfig.webPort() < 0 ? DataServerConfig.NO_WEB_PORT : 0)
                .withTls(nsConfig.tls());
        DataServer ds = DataServer.start(cfg);
        dataServers.set(i, ds);
        dataPorts.set(i, ds.port());
        return ds;
    }

    /** Data server {@code i}'s data port stops answering (or answers again), as if cut off the network. */
    public void setDataServerFrozen(int i, boolean frozen) {
        dataServer(i).setFrozen(frozen);
    }

    public void stopDataServer(int i) {
        DataServer ds = dataServers.get(i);
        if (ds != null) {
            ds.close();
            dataServers.set(i, null);
        }
    }

    /** Stops data server i as a killed process would: its block store gets no final sync. */
    public void crashDataServer(int i) {
        DataServer ds = dataServers.get(i);
        if (ds != null) {
            ds.crash();
            dataServers.set(i, null);
        }
    }

    public void awaitRegistered(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (DataServer ds : dataServers) {
            while (ds != null && !ds.registered()) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("data server " + ds.serverId() + " did not register within " + timeout);
                }
                Thread.sleep(10);
            }
        }
    }

    public DfsClient newClient() throws IOException {
        return DfsClient.connect(clientConfig());
    }

    /** What a client of this cluster needs: its address, secret and (when TLS is on) trust store. */
    public ClientConfig clientConfig() {
        return ClientConfig.of(nameServerAddress()).withSecret(secret).withTls(nsConfig.tls());
    }

    @Override
    public void close() {
        for (int i = 0; i < dataServers.size(); i++) {
            stopDataServer(i);
        }
        nameServer.close();
    }
}
