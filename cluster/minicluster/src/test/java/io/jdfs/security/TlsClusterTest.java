package io.jdfs.security;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import io.jdfs.name.NameServerConfig;
import io.jdfs.protocol.AuthenticationException;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.Json;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.Message;
import io.jdfs.protocol.Protocol;
import io.jdfs.rpc.tls.ClusterCertificates;
import io.jdfs.rpc.tls.TlsSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A cluster with TLS on every connection: files go and come back; plain peers and strangers are refused. */
class TlsClusterTest {
    static final String PASSWORD = "test-password";

    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static TlsSettings tls;

    @BeforeAll
    static void start() throws Exception {
        ClusterCertificates.Written certs = ClusterCertificates.create(dir.resolve("certs"), PASSWORD,
                List.of("node"), List.of("127.0.0.1", "localhost"), Duration.ofDays(1));
        tls = new TlsSettings(certs.nodeStores().get(0), PASSWORD);
        cluster = LocalCluster.start(dir.resolve("cluster"), NameServerConfig.forTests().withTls(tls), 3, 0, 0);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aFileGoesDownATlsPipelineAndComesBack() throws IOException {
        byte[] data = new byte[3 * 1024 * 1024 + 12345];
        new Random(14).nextBytes(data);
        // a client that holds only the CA (trust.p12), as a user would
        ClientConfig cfg = cluster.clientConfig().withTls(new TlsSettings(dir.resolve("certs/trust.p12"), PASSWORD));
        try (DfsClient c = DfsClient.connect(cfg)) {
            try (DfsOutputStream out = c.create("/tls/file", CreateOptions.defaults().withReplication(3)
                    .withBlockSize(1 << 20))) {
                out.write(data);
            }
            try (InputStream in = c.open("/tls/file")) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
        }
    }

    @Test
    void aPlainClientIsToldTheServerRequiresTls() {
        ClientConfig plain = cluster.clientConfig().withTls(null);
        assertThatThrownBy(() -> DfsClient.connect(plain).close())
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("requires TLS");
    }

    @Test
    void aDataServerRefusesPlainText() throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), cluster.dataServer(0).port())) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(Protocol.PREAMBLE);
            DataInputStream in = new DataInputStream(s.getInputStream());
            int len = in.readInt();
            assertThat(in.readByte()).isEqualTo((byte) 1); // a message frame, in plain text
            in.readLong();
            byte[] payload = new byte[len - 9];
            in.readFully(payload);
            Message m = Json.MAPPER.readValue(payload, Message.class);
            assertThat(m).isInstanceOfSatisfying(Reply.ErrorReply.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
                assertThat(e.message()).contains("requires TLS");
            });
            assertThat(in.read()).isEqualTo(-1); // and closed
        }
    }

    @Test
    void whatCrossesTheWireIsNotPlainText() throws IOException {
        String marker = "plain-text-marker-" + System.nanoTime();
        try (RecordingProxy proxy = new RecordingProxy(cluster.nameServer().port());
             DfsClient c = DfsClient.connect(ClientConfig.of("127.0.0.1:" + proxy.port()).withTls(tls))) {
            c.mkdirs("/" + marker);
            assertThat(c.exists("/" + marker)).isTrue();
            byte[] wire = proxy.recorded();
            assertThat(wire.length).isGreaterThan(500);
            assertThat(new String(wire, StandardCharsets.ISO_8859_1)).doesNotContain(marker)
                    .doesNotContain("JDFS").doesNotContain("ClientHello");
            assertThat(wire[0]).isEqualTo((byte) 0x16); // a TLS handshake record opens the connection
        }
    }

    @Test
    void aClientTrustingAnotherCaIsRefused() throws IOException {
        ClusterCertificates.Written other = ClusterCertificates.create(dir.resolve("other-ca"), PASSWORD,
                List.of(), List.of("127.0.0.1"), Duration.ofDays(1));
        ClientConfig stranger = cluster.clientConfig().withTls(new TlsSettings(other.trustStore(), PASSWORD));
        assertThatThrownBy(() -> DfsClient.connect(stranger).close())
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("TLS handshake failed");
    }

    @Test
    void theWebPortSpeaksHttps() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("certs/trust.p12"))) {
            trust.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
        int port = cluster.nameServer().webPort();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/api/status"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("clusterId");
        // a data server's web port (its /metrics) speaks HTTPS with the same store
        HttpResponse<String> m = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                + cluster.dataServer(0).webPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(m.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/status")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }
}
