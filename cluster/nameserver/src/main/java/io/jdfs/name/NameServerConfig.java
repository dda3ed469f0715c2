package io.jdfs.name;

import io.jdfs.rpc.tls.TlsSettings;

import java.nio.file.Path;

/**
 * Settings of a name server, read once into a typed value. Intervals are in milliseconds; a port of 0
 * means "any free port" (tests), a web port of -1 means no web server.
 */
public record NameServerConfig(
        String bindHost,
        int port,
        int webPort,
        Path metaDir,
        String secret,
        int defaultReplication,
        long defaultBlockSize,
        long heartbeatIntervalMillis,
        long staleAfterMillis,
        long deadAfterMillis,
        long leaseExpiryMillis,
        long blockReportIntervalMillis,
        Durability durability,
        int supergroup,
        TlsSettings tls,
        Path usersFile,
        Access access) {

    /**
     * Who may act for whom, and access times: {@code atime} moves access times on reads (relatime) or
     * never (noatime); {@code proxyUsers} may act for the other users of the users file (a gateway
     * logged in as one of them serves each user as that user), as HDFS's proxy users; {@code auditLog}
     * is the file every namespace change and refused request is written to (null: no audit log).
     */
    public record Access(boolean atime, java.util.Set<String> proxyUsers, Path auditLog) {
        public Access {
            proxyUsers = java.util.Set.copyOf(proxyUsers);
        }

        public Access(boolean atime, java.util.Set<String> proxyUsers) {
            this(atime, proxyUsers, null);
        }

        public static Access defaults() {
            return new Access(true, java.util.Set.of(), null);
        }
    }

    /**
     * How metadata is kept: fsync of the journal before answering (off only for experiments),
     * checkpoints every {@code checkpointTxns} transactions or {@code checkpointPeriodMillis}, and the
     * start-up safe mode that waits for block reports to cover {@code safeModeThreshold} of the blocks
     * for at most {@code safeModeTimeoutMillis}.
     */
    public record Durability(boolean fsync, long checkpointTxns, long checkpointPeriodMillis, double safeModeThreshold,
                             long safeModeTimeoutMillis) {
        public static Durability defaults() {
            return new Durability(true, 100_000, 600_000, 0.999, 30_000);
        }
    }

    public static final int DEFAULT_PORT = io.jdfs.protocol.Protocol.DEFAULT_NAME_SERVER_PORT;
    public static final int DEFAULT_WEB_PORT = 8080;

    public static NameServerConfig defaults() {
        return new NameServerConfig("0.0.0.0", DEFAULT_PORT, DEFAULT_WEB_PORT, null, null, 2, 4L << 20,
                3_000, 9_000, 30_000, 60_000, 600_000, Durability.defaults(), -1, null, null, Access.defaults());
    }

    /** Loopback, ephemeral ports, quick liveness: what tests want. */
    public static NameServerConfig forTests() {
        return defaults().withAddress("127.0.0.1", 0, 0).withLiveness(300, 1_500, 3_000)
                .withDurability(new Durability(true, 100_000, 600_000, 0.999, 5_000));
    }

    public NameServerConfig withDurability(Durability d) {
        return new NameServerConfig(bindHost, port, webPort, metaDir, secret, defaultReplication, defaultBlockSize,
                heartbeatIntervalMillis, staleAfterMillis, deadAfterMillis, leaseExpiryMillis, blockReportIntervalMillis, d, supergroup, tls, usersFile, access);
    }

    public NameServerConfig withAddress(String host, int rpcPort, int web) {
        return new NameServerConfig(host, rpcPort, web, metaDir, secret, defaultReplication, defaultBlockSize,
                heartbeatIntervalMillis, staleAfterMillis, deadAfterMillis, leaseExpiryMillis, blockReportIntervalMillis, durability, supergroup, tls, usersFile, access);
    }

    public NameServerConfig withMetaDir(Path dir) {
        return new NameServerConfig(bindHost, port, webPort, dir, secret, defaultReplication, defaultBlockSize,
                heartbeatIntervalMillis, staleAfterMillis, deadAfterMillis, leaseExpiryMillis, blockReportIntervalMillis, durability, supergroup, tls, usersFile, access);
    }

    public NameServerConfig withSecret(String s) {
        return new NameServerConfig(bindHost, port, webPort, metaDir, s, defaultReplication, defaultBlockSize,
                heartbeatIntervalMillis, staleAfterMillis, deadAfterMillis, leaseExpiryMillis, blockReportIntervalMillis, durability, supergroup, tls, usersFile, access);
    }

    public NameServerConfig withDefaults(int replication, long blockSize) {
        return new NameServerConfig(bindHost, port, webPort, metaDir, secret, replication, blockSize,
                heartbeatIntervalMillis, staleAfterMillis, deadAfterMillis, leaseExpiryMillis, blockReportIntervalMillis, durability, supergroup, tls, usersFile, access);
    }

    public NameServerConfig withLiveness(long heartbeat, long staleAfter, long deadAfter) {
        return new NameServerConfig(bindHost, port, webPort, metaDir, secret, defaultReplication, defaultBlockSize,
                heartbeat, staleAfter, deadAfter, leaseExpiryMillis, blockReportIntervalMillis, durability, supergroup, tls, usersFile, access);
    }

    /** Members of group {@code gid} are superusers (as HDFS's supergroup); -1 for none. */
    public NameServerConfig withSupergroup(int gid) {
        return new NameServerConfig(bindHost, port, webPort, metaDir, secret, defaultReplication, defaultBlockSize,
                heartbeatIntervalMillis, staleAfterMillis, deadAfterMillis, leaseExpiryMillis, blockReportIntervalMillis,
                durability, gid, tls, usersFile, access);
    }

    public NameServerConfig withLeaseExpiry(long millis) {
        return new NameServerConfig(bindHost, port, webPort, metaDir, secret, defaultReplication, defaultBlockSize,
                heartbeatIntervalMillis, staleAfterMillis, deadAfterMillis, millis, blockReportIntervalMillis, durability, supergroup, tls, usersFile, access);
    }

    /** TLS on the RPC port and HTTPS on the web port, with the key store in {@code t}; null for neither. */
    public NameServerConfig withTls(TlsSettings t) {
        return new NameServerConfig(bindHost, port, webPort, metaDir, secret, defaultReplication, defaultBlockSize,
                heartbeatIntervalMillis, staleAfterMillis, deadAfterMillis, leaseExpiryMillis, blockReportIntervalMillis,
                durability, supergroup, t, usersFile, access);
    }

    /** Clients log in against this users file (name:bcrypt:uid:gid[:groups]); null for simple mode. */
    public NameServerConfig withUsers(Path file) {
        return new NameServerConfig(bindHost, port, webPort, metaDir, secret, defaultReplication, defaultBlockSize,
                heartbeatIntervalMillis, staleAfterMillis, deadAfterMillis, leaseExpiryMillis, blockReportIntervalMillis,
                durability, supergroup, tls, file, access);
    }

    public NameServerConfig withAccess(Access a) {
        return new NameServerConfig(bindHost, port, webPort, metaDir, secret, defaultReplication, defaultBlockSize,
                heartbeatIntervalMillis, staleAfterMillis, deadAfterMillis, leaseExpiryMillis, blockReportIntervalMillis,
                durability, supergroup, tls, usersFile, a);
    }
}
