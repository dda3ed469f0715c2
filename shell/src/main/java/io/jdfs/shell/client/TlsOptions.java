package io.jdfs.shell.client;

import io.jdfs.rpc.tls.TlsSettings;
import picocli.CommandLine.Option;

/** {@code --tls-keystore} and {@code --tls-password}: TLS to (or on) the cluster, shared by every command. */
public final class TlsOptions {
    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "PKCS#12 key store: a node's (NODE.p12) or, for a client, the cluster CA (trust.p12) made by"
                    + " `dfs admin certs`; TLS is on when set (default none; env JDFS_TLS_KEYSTORE)")
    String keyStore;

    @Option(names = "--tls-password", paramLabel = "PASSWORD",
            description = "Password of the key store (prefer env JDFS_TLS_PASSWORD)")
    String password;

    /** The TLS settings, or null for plain TCP. */
    public TlsSettings settings(ClientSettings s) {
        return TlsSettings.of(s.setting("tls-keystore", keyStore, null), s.setting("tls-password", password, ""));
    }

    /** A server's settings with mutual TLS on when {@code require}; refused without a key store. */
    public static TlsSettings clientAuth(TlsSettings t, boolean require) {
        if (!require) {
            return t;
        }
        if (t == null) {
            throw new IllegalArgumentException("--tls-client-auth needs TLS: give --tls-keystore");
        }
        return t.withClientAuth(true);
    }
}
