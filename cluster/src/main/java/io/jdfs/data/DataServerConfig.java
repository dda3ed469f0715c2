package io.jdfs.data;

import io.jdfs.common.HostPort;

import java.nio.file.Path;

/**
 * Settings of a data server. {@code host} is both what it binds to and what it advertises to the
 * name server and clients, so servers on different hosts reach each other.
 *
 * @param capacity bytes the server may use for blocks; 0 for what the disk has
 * @param healing  block scanner and re-replication settings
 */
public record DataServerConfig(String host, int port, Path storageDir, HostPort nameServer, long capacity,
                               String secret, HealingSettings healing) {
    public static final int DEFAULT_PORT = 9001;

    public DataServerConfig(String host, int port, Path storageDir, HostPort nameServer, long capacity, String secret) {
        this(host, port, storageDir, nameServer, capacity, secret, HealingSettings.defaults());
    }

    public DataServerConfig withSecret(String s) {
        return new DataServerConfig(host, port, storageDir, nameServer, capacity, s, healing);
    }

    public DataServerConfig withCapacity(long bytes) {
        return new DataServerConfig(host, port, storageDir, nameServer, bytes, secret, healing);
    }

    public DataServerConfig withHealing(HealingSettings h) {
        return new DataServerConfig(host, port, storageDir, nameServer, capacity, secret, h);
    }
}
