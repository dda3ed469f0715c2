package io.jdfs.security;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.Credentials;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import io.jdfs.local.junit.TestUsers;
import io.jdfs.name.NameServerConfig;
import io.jdfs.protocol.AccessDeniedException;
import io.jdfs.protocol.AuthenticationException;
import io.jdfs.protocol.Caller;
import io.jdfs.protocol.FileStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With a users file, a client is who it logged in as, not who it claims; without a login it is refused. */
class LoginTest {
    @TempDir
    static Path dir;
    static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        Path users = TestUsers.write(dir.resolve("users"), "gateway");
        cluster = LocalCluster.start(dir.resolve("cluster"), NameServerConfig.forTests().withUsers(users)
                .withAccess(new NameServerConfig.Access(true, java.util.Set.of("gateway"), dir.resolve("audit.log"))),
                1, 0, 0);
        try (DfsClient root = DfsClient.connect(as("admin", "admin-password"))) {
            root.mkdirs("/home/alice");
            root.setOwner("/home/alice", 1001, 1001);
            root.setMode("/home/alice", 0700);
        }
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static ClientConfig as(String user, String password) {
        return cluster.clientConfig().withLogin(Credentials.password(user, password));
    }

    @Test
    void aClientThatDoesNotLogInIsRefusedWhateverItClaims() {
        assertThatThrownBy(() -> DfsClient.connect(cluster.clientConfig().withCaller(Caller.ROOT)).close())
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("requires a login");
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThatThrownBy(() -> DfsClient.connect(as("alice", "not-her-password")).close())
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("login failed");
        assertThatThrownBy(() -> DfsClient.connect(as("mallory", "alice-password")).close())
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("login failed");
    }

    @Test
    void theLoggedInUserActsNotTheClaimedOne() throws Exception {
        // alice claims to be root: the name server goes by her login
        try (DfsClient alice = DfsClient.connect(as("alice", "alice-password").withCaller(Caller.ROOT))) {
            try (DfsOutputStream out = alice.create("/home/alice/notes")) {
                out.write("mine".getBytes(StandardCharsets.UTF_8));
            }
            FileStatus st = alice.stat("/home/alice/notes");
            assertThat(st.uid()).isEqualTo(1001);
            assertThatThrownBy(() -> alice.mkdirs("/etc")).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> alice.admin().safeMode("enter")).isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("superuser");
        }
        try (DfsClient bob = DfsClient.connect(as("bob", "bob-password"))) {
            assertThatThrownBy(() -> bob.open("/home/alice/notes")).isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void aTokenLogsInWithoutThePasswordAndAForgedOneDoesNot() throws Exception {
        String token;
        try (DfsClient alice = DfsClient.connect(as("alice", "alice-password"))) {
            token = alice.loginToken();
            alice.create("/home/alice/notes-by-token").close();
        }
        assertThat(token).isNotBlank();
        try (DfsClient again = DfsClient.connect(cluster.clientConfig().withLogin(Credentials.token(token)))) {
            assertThat(again.list("/home/alice")).extracting(FileStatus::name).contains("notes-by-token");
        }
        String[] parts = token.split("\\.");
        String forged = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("admin".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + "." + parts[2];
        assertThatThrownBy(() -> DfsClient.connect(cluster.clientConfig().withLogin(Credentials.token(forged))).close())
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("invalid or expired");
    }

    @Test
    void aProxyUserActsForTheUsersOfTheFileAndNoOneElseDoes() throws Exception {
        // the gateway, logged in as itself, serves alice as alice (her uid and rights, not its own)
        try (DfsClient forAlice = DfsClient.connect(as("gateway", "gateway-password")
                .withCaller(new Caller("alice", 0, 0, List.of())))) {
            try (DfsOutputStream out = forAlice.create("/home/alice/via-gateway")) {
                out.write("x".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(forAlice.stat("/home/alice/via-gateway").uid()).as("the file's uid from the users file").isEqualTo(1001);
        }
        // someone not in the file: refused, never served with the gateway's own rights
        assertThatThrownBy(() -> DfsClient.connect(as("gateway", "gateway-password")
                .withCaller(new Caller("carol", 1003, 1003, List.of()))).close())
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("'carol' is not in the name server's users file");
        // the gateway's own client (its caller left as the OS user) is the gateway, by password or by token
        try (DfsClient itself = DfsClient.connect(as("gateway", "gateway-password"))) {
            assertThatThrownBy(() -> itself.mkdirs("/etc")).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> itself.stat("/home/alice/via-gateway")).isInstanceOf(AccessDeniedException.class);
            try (DfsClient byToken = DfsClient.connect(cluster.clientConfig()
                    .withLogin(Credentials.token(itself.loginToken())))) {
                assertThat(byToken.list("/home")).extracting(FileStatus::name).contains("alice");
            }
        }
        // bob has no proxy right: claiming alice he is still bob
        try (DfsClient bob = DfsClient.connect(as("bob", "bob-password").withCaller(new Caller("alice", 1001, 1001,
                List.of())))) {
            assertThatThrownBy(() -> bob.stat("/home/alice/via-gateway")).isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void theAuditLogHasEveryChangeAndEveryRefusalWithWhoAndWhere() throws Exception {
        try (DfsClient alice = DfsClient.connect(as("alice", "alice-password"));
             DfsClient bob = DfsClient.connect(as("bob", "bob-password"))) {
            alice.mkdirs("/home/alice/audited");
            assertThatThrownBy(() -> bob.mkdirs("/home/alice/intruder")).isInstanceOf(AccessDeniedException.class);
            alice.stat("/home/alice/audited"); // a read that succeeds is not audited
        }
        List<String> lines = java.nio.file.Files.readAllLines(dir.resolve("audit.log"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("user=alice", "uid=1001", "addr=", "op=Mkdirs",
                "path=/home/alice/audited", "result=ok"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("user=bob", "op=Mkdirs", "path=/home/alice/intruder",
                "result=refused PERMISSION_DENIED"));
        assertThat(lines).noneSatisfy(l -> assertThat(l).contains("op=GetStatus", "/home/alice/audited", "result=ok"));
    }
}
