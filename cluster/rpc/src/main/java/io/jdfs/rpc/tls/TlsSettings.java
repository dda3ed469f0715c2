package io.jdfs.rpc.tls;

import java.nio.file.Path;

/**
 * Where a node finds its TLS material: one PKCS#12 key store holding the node's key and certificate
 * chain (servers; optional for clients) and the cluster CA as a trusted certificate entry (everyone).
 * {@code dfs admin certs} writes such files.
 */
public record TlsSettings(Path keyStore, String password, boolean requireClientCertificates) {
    public TlsSettings {
        if (keyStore == null) {
            throw new IllegalArgumentException("a TLS key store path is required");
        }
        password = password == null ? "" : password;
    }

    public TlsSettings(Path keyStore, String password) {
        this(keyStore, password, false);
    }

    /**
     * Mutual TLS: a server with these settings asks every peer for a certificate signed by the cluster CA
     * (clients then need a key store with their own key, made by {@code dfs admin certs} as a node's).
     */
    public TlsSettings withClientAuth(boolean require) {
        return new TlsSettings(keyStore, password, require);
    }

    /** Null when no key store is named: the cluster then runs without TLS. */
    public static TlsSettings of(String keyStore, String password) {
        return keyStore == null || keyStore.isBlank() ? null : new TlsSettings(Path.of(keyStore), password);
    }

    @Override
    public String toString() {
        return "TlsSettings[" + keyStore + (requireClientCertificates ? ", client certificates required" : "")
                + "]"; // never the password
    }
}
