package io.jdfs.client;

import io.jdfs.common.HostPort;
import io.jdfs.protocol.Caller;
import io.jdfs.rpc.tls.TlsSettings;

/**
 * Settings of a client.
 *
 * @param blocksInFlight  blocks a writer streams at once, each down its own pipeline
 * @param readAheadBytes  how far a sequential reader fetches ahead, in parallel
 * @param rpcTimeoutMillis how long a call to the name server may take before it counts as failed
 * @param leaseRenewMillis how often an open writer renews its lease
 * @param safeModeWaitMillis how long calls wait for a name server in safe mode before failing
 * @param caller           the user requests are made for (default: this process's OS user)
 * @param umask            bits cleared from the mode of new files and directories (default 022)
 * @param tls              the trust store (the cluster CA) when the cluster speaks TLS; null for plain TCP
 * @param login            how to log in when the cluster has a users file; null: simple mode (claim {@code caller})
 */
public record ClientConfig(HostPort nameServer, String secret, int blocksInFlight, long readAheadBytes,
                           long rpcTimeoutMillis, long leaseRenewMillis, long safeModeWaitMillis, Caller caller,
                           int umask, TlsSettings tls, Credentials login) {
    public static final int DEFAULT_NAME_SERVER_PORT = io.jdfs.protocol.Protocol.DEFAULT_NAME_SERVER_PORT;

    public static ClientConfig of(String nameServer) {
        return new ClientConfig(HostPort.parse(nameServer, DEFAULT_NAME_SERVER_PORT), null, 4, 16L << 20, 30_000, 10_000, 60_000,
                LocalUser.current(), 022, null, null);
    }

    public ClientConfig withSecret(String s) {
        return new ClientConfig(nameServer, s, blocksInFlight, readAheadBytes, rpcTimeoutMillis, leaseRenewMillis, safeModeWaitMillis, caller, umask, tls, login);
    }

    public ClientConfig withBlocksInFlight(int n) {
        return new ClientConfig(nameServer, secret, Math.max(1, n), readAheadBytes, rpcTimeoutMillis, leaseRenewMillis, safeModeWaitMillis, caller, umask, tls, login);
    }

    public ClientConfig withReadAhead(long bytes) {
        return new ClientConfig(nameServer, secret, blocksInFlight, Math.max(0, bytes), rpcTimeoutMillis, leaseRenewMillis, safeModeWaitMillis, caller, umask, tls, login);
    }

    public ClientConfig withSafeModeWait(long millis) {
        return new ClientConfig(nameServer, secret, blocksInFlight, readAheadBytes, rpcTimeoutMillis, leaseRenewMillis, millis, caller, umask, tls, login);
    }

    /** Acts for another user (a gateway serving several users, or a test). */
    public ClientConfig withCaller(Caller c) {
        return new ClientConfig(nameServer, secret, blocksInFlight, readAheadBytes, rpcTimeoutMillis, leaseRenewMillis,
                safeModeWaitMillis, c, umask, tls, login);
    }

    public ClientConfig withUmask(int mask) {
        return new ClientConfig(nameServer, secret, blocksInFlight, readAheadBytes, rpcTimeoutMillis, leaseRenewMillis,
                safeModeWaitMillis, caller, mask & 0777, tls, login);
    }

    public ClientConfig withLeaseRenew(long millis) {
        return new ClientConfig(nameServer, secret, blocksInFlight, readAheadBytes, rpcTimeoutMillis, millis, safeModeWaitMillis, caller, umask, tls, login);
    }

    /** TLS to the name server and the data servers, trusting the CA in {@code t}'s key store; null for plain TCP. */
    public ClientConfig withTls(TlsSettings t) {
        return new ClientConfig(nameServer, secret, blocksInFlight, readAheadBytes, rpcTimeoutMillis, leaseRenewMillis,
                safeModeWaitMillis, caller, umask, t, login);
    }

    /** Logs in with these credentials when connecting (clusters with a users file). */
    public ClientConfig withLogin(Credentials c) {
        return new ClientConfig(nameServer, secret, blocksInFlight, readAheadBytes, rpcTimeoutMillis, leaseRenewMillis,
                safeModeWaitMillis, caller, umask, tls, c);
    }
}
