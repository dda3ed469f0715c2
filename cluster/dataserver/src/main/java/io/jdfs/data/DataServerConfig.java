package io.jdfs.data;

import io.jdfs.common.HostPort;

import java.nio.file.Path;

/**
 * Settings of a data server. {@code host} is both what it binds to and what it advertises to the
 * name server and clients, so servers on different hosts reach each other.
 *
 * @param capacity bytes the server may use for blocks; 0 for what the disk has
 * @param healing  block scanner and re-replication settings
 * @param webPort  the web port ({@code /metrics}) on {@code host}: 0 picks a free port, below 0 none
 */
public record DataServerConfig(String host, int port, Path storageDir, HostPort nameServer, long capacity,
                               String secret, HealingSettings healing, String rack, int webPort) {
    public static final int DEFAULT_PORT = 9001;
    /** No web port. */
    public static final int NO_WEB_PORT = -1;
    public static final String DEFAULT_RACK = "/default-rack";

    public DataServerConfig(String host, int port, Path storageDir, HostPort nameServer, long capacity, String secret) {
        this(host, port, storageDir, nameServer, capacity, secret, HealingSettings.defaults(), DEFAULT_RACK, NO_WEB_PORT);
    }

    public DataServerConfig(String host, int port, Path storageDir, HostPort nameServer, long capacity, String secret,
                            HealingSettings healing) {
        this(host, port, storageDir, nameServer, capacity, secret, healing, DEFAULT_RACK, NO_WEB_PORT);
    }

    /** The rack this server stands in: with racks configured, each block's replicas span two racks. */
    public DataServerConfig withRack(String r) {
        return new DataServerConfig(host, port, storageDir, nameServer, capacity, secret, healing,
                r == null || r.isBlank() ? DEFAULT_RACK : r, webPort);
    }

    public DataServerConfig withSecret(String s) {
        return new DataServerConfig(host, port, storageDir, nameServer, capacity, s, healing, rack, webPort);
    }

    public DataServerConfig withCapacity(long bytes) {
        return new DataServerConfig(host, port, storageDir, nameServer, bytes, secret, healing, rack, webPort);
    }

    public DataServerConfig withHealing(HealingSettings h) {
        return new DataServerConfig(host, port, storageDir, nameServer, capacity, secret, h, rack, webPort);
    }

    /** Serves {@code /metrics} on {@code port} (0 picks a free one, below 0 none). */
    public DataServerConfig withWebPort(int p) {
        return new DataServerConfig(host, port, storageDir, nameServer, capacity, secret, healing, rack, p);
    }
}
