package io.jdfs.rpc.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * TLS contexts built once from a node's {@link TlsSettings} (the JDK provider, TLS 1.3 and 1.2).
 * Clients check the server's certificate against the cluster CA and its host name or address; servers
 * ask for no client certificate (peers prove themselves with the cluster secret inside the channel)
 * unless {@link TlsSettings#requireClientCertificates}: then every peer must present one the cluster CA
 * signed (mutual TLS), and a peer without one, or with one of another CA, fails the handshake.
 */
public final class Tls {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final Map<TlsSettings, Tls> LOADED = new ConcurrentHashMap<>();

    private final TlsSettings settings;
    private final SslContext server; // null when the store holds no key
    private final SslContext client;

    private Tls(TlsSettings settings) throws IOException {
        this.settings = settings;
        KeyStore store = load(settings);
        try {
            boolean hasKey = Collections.list(store.aliases()).stream().anyMatch(a -> isKey(store, a));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            KeyManagerFactory kmf = null;
            if (hasKey) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(store, settings.password().toCharArray());
            }
            server = kmf == null ? null : SslContextBuilder.forServer(kmf).sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS).trustManager(tmf)
                    .clientAuth(settings.requireClientCertificates() ? ClientAuth.REQUIRE : ClientAuth.NONE).build();
            SslContextBuilder cb = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols(PROTOCOLS)
                    .trustManager(tmf);
            if (kmf != null) {
                cb.keyManager(kmf);
            }
            client = cb.build();
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException("cannot set up TLS from " + settings.keyStore() + ": " + e.getMessage(), e);
        }
    }

    /** The contexts of these settings, built on first use and shared (a context is costly to build). */
    public static Tls of(TlsSettings settings) throws IOException {
        Tls t = LOADED.get(settings);
        if (t == null) {
            t = new Tls(settings);
            LOADED.putIfAbsent(settings, t);
        }
        return t;
    }

    public TlsSettings settings() {
        return settings;
    }

    public boolean canServe() {
        return server != null;
    }

    public SslHandler serverHandler(ByteBufAllocator alloc) {
        if (server == null) {
            throw new IllegalStateException(settings.keyStore() + " holds no private key: it can only trust, not serve");
        }
        return server.newHandler(alloc);
    }

    /** A client handler that verifies the server's certificate names {@code host} (DNS name or IP address). */
    public SslHandler clientHandler(ByteBufAllocator alloc, String host, int port) {
        SslHandler h = client.newHandler(alloc, host, port);
        SSLEngine engine = h.engine();
        SSLParameters p = engine.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(p);
        return h;
    }

    static KeyStore load(TlsSettings settings) throws IOException {
        if (!Files.isRegularFile(settings.keyStore())) {
            throw new IOException("TLS key store " + settings.keyStore() + " does not exist (make one with `dfs admin certs`)");
        }
        try (InputStream in = Files.newInputStream(settings.keyStore())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, settings.password().toCharArray());
            return ks;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read TLS key store " + settings.keyStore() + ": " + e.getMessage()
                    + " (wrong password?)", e);
        } catch (IOException e) {
            // most often JDFS_TLS_PASSWORD not set in this terminal: the JDK then says only "password was incorrect"
            String why = settings.password().isEmpty()
                    ? " (no password was given: set JDFS_TLS_PASSWORD, or --tls-password)"
                    : " (wrong password, or not a PKCS#12 file?)";
            throw new IOException("cannot read TLS key store " + settings.keyStore() + ": " + e.getMessage() + why, e);
        }
    }

    private static boolean isKey(KeyStore ks, String alias) {
        try {
            return ks.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
