package io.jdfs.rpc;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

import io.jdfs.protocol.Caller;
import io.jdfs.rpc.tls.Tls;

/**
 * Who a peer claims to be part of: the cluster id (may be unknown, "", until learned) and the optional
 * shared secret, plus, for clients, the user it acts for. The secret never crosses the wire: peers
 * prove it with HMAC-SHA256 over a server nonce.
 */
public final class ClusterIdentity {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Supplier<String> clusterId;
    private final String secret;
    private final Caller caller;
    private final Tls tls;
    private final java.util.concurrent.atomic.AtomicReference<String> loginToken =
            new java.util.concurrent.atomic.AtomicReference<>();

    public ClusterIdentity(Supplier<String> clusterId, String secret) {
        this(clusterId, secret, null);
    }

    public ClusterIdentity(Supplier<String> clusterId, String secret, Caller caller) {
        this(clusterId, secret, caller, null);
    }

    /** @param tls TLS on every connection this identity makes or accepts; null for plain TCP */
    public ClusterIdentity(Supplier<String> clusterId, String secret, Caller caller, Tls tls) {
        this.clusterId = clusterId;
        this.secret = secret == null || secret.isEmpty() ? null : secret;
        this.caller = caller;
        this.tls = tls;
    }

    /** This identity speaking TLS with the given contexts (null: plain TCP). */
    public ClusterIdentity withTls(Tls t) {
        return new ClusterIdentity(clusterId, secret, caller, t);
    }

    /** The client's login token, sent in the handshake of every connection it opens from now on. */
    public void useLoginToken(String token) {
        loginToken.set(token);
    }

    public String loginToken() {
        return loginToken.get();
    }

    /** The TLS contexts, or null when connections are plain TCP. */
    public Tls tls() {
        return tls;
    }

    /** The user a client acts for (null for servers). */
    public Caller caller() {
        return caller;
    }

    public static ClusterIdentity open() {
        return new ClusterIdentity(() -> "", null);
    }

    public String clusterId() {
        String id = clusterId.get();
        return id == null ? "" : id;
    }

    public boolean hasSecret() {
        return secret != null;
    }

    public String token(String nonce) {
        if (secret == null) {
            return "";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(nonce.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public boolean verify(String nonce, String token) {
        if (secret == null) {
            return true;
        }
        if (token == null) {
            return false;
        }
        return MessageDigest.isEqual(token(nonce).getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    public static String newNonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
