package io.jdfs.webdav;

import io.jdfs.webdav.auth.Users;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Basic auth from a bcrypt users file, anonymous refused, lock ownership per user, and HTTPS with a key store. */
class AuthTest {
    @TempDir
    static Path dir;
    static GatewayFixture f;

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void start() throws Exception {
        Path users = dir.resolve("users");
        Files.write(users, List.of("# name:bcrypt:uid:gid", Users.line("alice", "wonder land", 1001, 1001),
                Users.line("bob", "builder", 1002, 1002)));
        f = GatewayFixture.start(dir, WebDavOptions.defaults().withUsers(users));
        f.client.setMode("/", 0777); // the users act as themselves (uid 1001, 1002): let them write at the top
    }

    @Test
    void eachUserActsAsItsOwnUidSoTheNameServersPermissionsApply() throws Exception {
        f.client.mkdirs("/alices", 0700);
        f.client.setOwner("/alices", 1001, 1001);
        assertThat(f.send("PUT", "/alices/note.txt", "mine", Map.of("Authorization", basic("alice", "wonder land")))
                .statusCode()).isEqualTo(201);
        assertThat(f.client.stat("/alices/note.txt").uid()).isEqualTo(1001);
        assertThat(f.send("PUT", "/alices/intruder.txt", "no", Map.of("Authorization", basic("bob", "builder")))
                .statusCode()).isEqualTo(403);
        assertThat(f.send("GET", "/alices/note.txt", null, Map.of("Authorization", basic("bob", "builder")))
                .statusCode()).isEqualTo(403);
        assertThat(f.send("GET", "/alices/note.txt", null, Map.of("Authorization", basic("alice", "wonder land")))
                .body()).isEqualTo("mine");
        assertThat(f.client.exists("/alices/intruder.txt")).isFalse();
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void anonymousAndWrongPasswordsAreRefused() throws Exception {
        HttpResponse<String> anon = f.send("PROPFIND", "/", null, Map.of("Depth", "0"));
        assertThat(anon.statusCode()).isEqualTo(401);
        assertThat(anon.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic realm=");
        assertThat(f.send("PUT", "/anon.txt", "x", Map.of()).statusCode()).isEqualTo(401);
        assertThat(f.send("GET", "/", null, Map.of("Authorization", basic("alice", "wrong"))).statusCode()).isEqualTo(401);
        assertThat(f.send("GET", "/", null, Map.of("Authorization", basic("mallory", "x"))).statusCode()).isEqualTo(401);
        assertThat(f.send("GET", "/", null, Map.of("Authorization", "Basic !!!")).statusCode()).isEqualTo(401);
        assertThat(f.client.exists("/anon.txt")).isFalse();
        // Windows probes with an anonymous OPTIONS before it sends credentials
        HttpResponse<String> probe = f.send("OPTIONS", "/");
        assertThat(probe.statusCode()).isEqualTo(200);
        assertThat(probe.headers().firstValue("DAV")).hasValue("1, 2");
    }

    @Test
    void usersWorkAndOnlyTheLockOwnerUnlocks() throws Exception {
        Map<String, String> alice = Map.of("Authorization", basic("alice", "wonder land"));
        assertThat(f.send("PUT", "/alice.txt", "hi", alice).statusCode()).isEqualTo(201);
        assertThat(f.send("GET", "/alice.txt", null, alice).body()).isEqualTo("hi");
        HttpResponse<String> lock = f.send("LOCK", "/alice.txt", LockingTest.EXCLUSIVE, alice);
        assertThat(lock.statusCode()).isEqualTo(200);
        String token = lock.headers().firstValue("Lock-Token").orElseThrow();
        Map<String, String> bob = Map.of("Authorization", basic("bob", "builder"), "If", "(" + token + ")",
                "Lock-Token", token);
        assertThat(f.send("PUT", "/alice.txt", "bob was here", bob).statusCode()).isEqualTo(423);
        assertThat(f.send("UNLOCK", "/alice.txt", null, bob).statusCode()).isEqualTo(403);
        assertThat(f.send("UNLOCK", "/alice.txt", null, Map.of("Authorization", basic("alice", "wonder land"),
                "Lock-Token", token)).statusCode()).isEqualTo(204);
    }

    @Test
    void httpsWithAKeyStore() throws Exception {
        Path ks = dir.resolve("gateway.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-keypass", "changeit", "-alias", "webdav", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            trust.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        try (WebDavServer tls = WebDavServer.start("127.0.0.1", 0, f.client,
                WebDavOptions.defaults().withKeyStore(ks, "changeit").withUsers(dir.resolve("users")))) {
            assertThat(tls.url()).startsWith("https://");
            HttpClient https = HttpClient.newBuilder().sslContext(ssl).build();
            HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + tls.port() + "/"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", basic("bob", "builder")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("DAV")).hasValue("1, 2");
        }
    }
}
