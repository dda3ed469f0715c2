package io.jdfs.security;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import io.jdfs.name.NameServerConfig;
import io.jdfs.protocol.AuthenticationException;
import io.jdfs.rpc.tls.ClusterCertificates;
import io.jdfs.rpc.tls.TlsSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mutual TLS ({@code --tls-client-auth}): the servers ask every peer for a certificate of the cluster
 * CA. A client with its own certificate reads and writes (data servers too present theirs to each
 * other and to the name server); one with only the CA, or with a certificate of an unknown CA, is refused.
 */
class MutualTlsTest {
    static final String PASSWORD = "test-password";

    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static ClusterCertificates.Written certs;

    @BeforeAll
    static void start() throws Exception {
        certs = ClusterCertificates.create(dir.resolve("certs"), PASSWORD, List.of("node", "alice-laptop"),
                List.of("127.0.0.1", "localhost"), Duration.ofDays(1));
        TlsSettings tls = new TlsSettings(certs.nodeStores().get(0), PASSWORD).withClientAuth(true);
        cluster = LocalCluster.start(dir.resolve("cluster"), NameServerConfig.forTests().withTls(tls), 2, 0, 0);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aClientWithACertificateOfTheClusterCaWritesAndReads() throws Exception {
        ClientConfig cfg = cluster.clientConfig().withTls(new TlsSettings(certs.nodeStores().get(1), PASSWORD));
        try (DfsClient c = DfsClient.connect(cfg)) {
            try (DfsOutputStream out = c.create("/mtls", io.jdfs.client.CreateOptions.defaults().withReplication(2))) {
                out.write(new byte[300_000]); // down a two-server pipeline: data server to data server with certificates
            }
            try (InputStream in = c.open("/mtls")) {
                assertThat(in.readAllBytes()).hasSize(300_000);
            }
        }
    }

    @Test
    void aClientWithoutACertificateIsRefused() {
        ClientConfig trustOnly = cluster.clientConfig().withTls(new TlsSettings(certs.trustStore(), PASSWORD));
        assertThatThrownBy(() -> DfsClient.connect(trustOnly).list("/"))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("TLS");
    }

    @Test
    void aClientWithACertificateOfAnUnknownCaIsRefused() throws Exception {
        ClusterCertificates.Written other = ClusterCertificates.create(dir.resolve("other-ca"), PASSWORD,
                List.of("mallory"), List.of("127.0.0.1"), Duration.ofDays(1));
        // mallory trusts the cluster's CA (so she accepts the server) but her own certificate is of another CA
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(other.nodeStores().get(0))) {
            ks.load(in, PASSWORD.toCharArray());
        }
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(certs.trustStore())) {
            trust.load(in, PASSWORD.toCharArray());
        }
        ks.deleteEntry(ClusterCertificates.CA_ALIAS);
        ks.setCertificateEntry(ClusterCertificates.CA_ALIAS, trust.getCertificate(ClusterCertificates.CA_ALIAS));
        Path mallory = dir.resolve("mallory.p12");
        try (var out = java.nio.file.Files.newOutputStream(mallory)) {
            ks.store(out, PASSWORD.toCharArray());
        }
        ClientConfig cfg = cluster.clientConfig().withTls(new TlsSettings(mallory, PASSWORD));
        assertThatThrownBy(() -> DfsClient.connect(cfg).list("/"))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("TLS");
    }
}
