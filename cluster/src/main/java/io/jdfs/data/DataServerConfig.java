package io.jdfs.data;

import io.jdfs.common.HostPort;

import java.nio.file.Path;

/**
 * Settings of a data server. {@code host} is both what it binds to and what it advertises to the
 * name server and clients, so servers on different hosts reach each other.
 *
 * @param capacity bytes the server may use for blocks; 0 for what the disk has
 */
public record DataServerConfig(String host, int port, Path storageDir, HostPort nameServer, long capacity,
                               String secret) {
    public static final int DEFAULT_PORT = 9001;

    public DataServerConfig withSecret(String s) {
        return new DataServerConfig(host, port, storageDir, nameServer, capacity, s);
    }

    public DataServerConfig withCapacity(long bytes) {
        return new DataServerConfig(host, port, storageDir, nameServer, bytes, secret);
    }
}
