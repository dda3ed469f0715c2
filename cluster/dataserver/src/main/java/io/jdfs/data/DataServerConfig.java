package io.jdfs.data;

import io.jdfs.common.HostPort;

import io.jdfs.rpc.tls.TlsSettings;

import java.nio.file.Path;

/**
 * Settings of a data server. {@code host} is both what it binds to and what it advertises to the
 * name server and clients, so servers on different hosts reach each other.
 *
 * @param capacity bytes the server may use for blocks; 0 for what the disk has
 * @param healing  block scanner and re-replication settings
 * @param webPort  the web port ({@code /metrics}) on {@code host}: 0 picks a free port, below 0 none
 * @param tls      TLS on its ports and its own connections (HTTPS on the web port); null for plain TCP
 */
public record DataServerConfig(String host, int port, Path storageDir, HostPort nameServer, long capacity,
                               String secret, HealingSettings healing, String rack, int webPort,
                               TlsSettings tls) {
    public static final int DEFAULT_PORT = 9001;
    /** No web port. */
    public static final int NO_WEB_PORT = -1;
    public static final String DEFAULT_RACK = "/default-rack";

    public DataServerConfig(String host, int port, Path storageDir, HostPort nameServer, long capacity, String secret) {
        this(host, port, storageDir, nameServer, capacity, secret, HealingSettings.defaults(), DEFAULT_RACK, NO_WEB_PORT, null);
    }

    public DataServerConfig(String host, int port, Path storageDir, HostPort nameServer, long capacity, String secret,
                            HealingSettings healing) {
        this(host, port, storageDir, nameServer, capacity, secret, healing, DEFAULT_RACK, NO_WEB_PORT, null);
    }

    /** The rack this server stands in: with racks configured, each block's replicas span two racks. */
    public DataServerConfig withRack(String r) {
        return new DataServerConfig(host, port, storageDir, nameServer, capacity, secret, healing,
                r == null || r.isBlank() ? DEFAULT_RACK : r, webPort, tls);
    }

    public DataServerConfig withSecret(String s) {
        return new DataServerConfig(host, port, storageDir, nameServer, capacity, s, healing, rack, webPort, tls);
    }

    public DataServerConfig withCapacity(long bytes) {
        return new DataServerConfig(host, port, storageDir, nameServer, bytes, secret, healing, rack, webPort, tls);
    }

    public DataServerConfig withHealing(HealingSettings h) {
        return new DataServerConfig(host, port, storageDir, nameServer, capacity, secret, h, rack, webPort, tls);
    }

    /** Serves {@code /metrics} on {@code port} (0 picks a free one, below 0 none). */
    public DataServerConfig withWebPort(int p) {
        return new DataServerConfig(host, port, storageDir, nameServer, capacity, secret, healing, rack, p, tls);
    }

    /** TLS on its port and on its own connections (mirrors, copies, the name server); null for plain TCP. */
    public DataServerConfig withTls(TlsSettings t) {
        return new DataServerConfig(host, port, storageDir, nameServer, capacity, secret, healing, rack, webPort, t);
    }
}
