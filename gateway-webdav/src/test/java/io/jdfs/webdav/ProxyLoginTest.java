package io.jdfs.webdav;

import io.jdfs.client.Credentials;
import io.jdfs.client.DfsClient;
import io.jdfs.local.LocalCluster;
import io.jdfs.local.junit.TestUsers;
import io.jdfs.name.NameServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway in front of a name server that has a users file (issue 14): it logs in as its own
 * proxy user and acts for each Basic-auth user as that user, with that user's rights on the name
 * server. One users file serves both.
 */
class ProxyLoginTest {
    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static DfsClient gatewayClient;
    static WebDavServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path users = TestUsers.write(dir.resolve("users"), "webdav");
        cluster = LocalCluster.start(dir.resolve("cluster"), NameServerConfig.forTests().withUsers(users)
                .withAccess(new NameServerConfig.Access(true, Set.of("webdav"), null)), 1, 0, 0);
        try (DfsClient admin = DfsClient.connect(cluster.clientConfig()
                .withLogin(Credentials.password("admin", "admin-password")))) {
            admin.mkdirs("/home/alice");
            admin.setOwner("/home/alice", 1001, 1001);
            admin.setMode("/home/alice", 0755);
        }
        gatewayClient = DfsClient.connect(cluster.clientConfig().withLogin(TestUsers.login("webdav")));
        server = WebDavServer.start("127.0.0.1", 0, gatewayClient, WebDavOptions.defaults().withUsers(users));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (gatewayClient != null) {
            gatewayClient.close();
        }
        cluster.close();
    }

    static int send(String method, String path, String body, String user, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aliceWritesAsHerselfBobIsRefusedByTheModesAStrangerGets401() throws Exception {
        assertThat(send("PUT", "/home/alice/notes.txt", "mine", "alice", "alice-password")).isEqualTo(201);
        try (DfsClient admin = DfsClient.connect(cluster.clientConfig()
                .withLogin(Credentials.password("admin", "admin-password")))) {
            assertThat(admin.stat("/home/alice/notes.txt").uid()).as("written as alice, not as the gateway").isEqualTo(1001);
        }
        // bob may read (0644 in a 0755 directory) but not write into alice's directory
        assertThat(send("GET", "/home/alice/notes.txt", null, "bob", "bob-password")).isEqualTo(200);
        assertThat(send("PUT", "/home/alice/bobs.txt", "no", "bob", "bob-password")).isEqualTo(403);
        assertThat(send("DELETE", "/home/alice/notes.txt", null, "bob", "bob-password")).isEqualTo(403);
        assertThat(send("PROPFIND", "/home/alice/", null, "mallory", "anything")).isEqualTo(401);
        assertThat(send("PROPFIND", "/home/alice/", null, "alice", "wrong")).isEqualTo(401);
        assertThat(send("PROPFIND", "/home/alice/", null, null, null)).isEqualTo(401);
    }

    @Test
    void theGatewayWithoutItsLoginIsRefusedByTheNameServer() {
        assertThatThrownBy(() -> DfsClient.connect(cluster.clientConfig()).list("/"))
                .hasMessageContaining("requires a login");
    }
}
