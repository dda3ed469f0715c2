package io.jdfs.protocol;

/** The handshake that opens every connection. */
public sealed interface Handshake extends Message {
    /** Sent by a server as soon as a connection opens. */
    record ServerHello(int magic, int version, String clusterId, String role, String nonce, boolean secretRequired)
            implements Handshake {
    }

    /**
     * The peer's answer; {@code token} is HMAC-SHA256(secret, nonce) when the cluster has a secret;
     * {@code loginToken} the client's login (clusters with a users file), null before it logs in.
     */
    record ClientHello(int magic, int version, String clusterId, String role, String token, Caller caller,
                       String loginToken) implements Handshake {
        public ClientHello(int magic, int version, String clusterId, String role, String token, Caller caller) {
            this(magic, version, clusterId, role, token, caller, null);
        }
    }

    record HelloOk(String clusterId) implements Handshake {
    }
}
