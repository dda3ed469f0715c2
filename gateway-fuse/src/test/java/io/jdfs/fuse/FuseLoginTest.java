package io.jdfs.fuse;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.DfsClient;
import io.jdfs.local.LocalCluster;
import io.jdfs.local.junit.TestUsers;
import io.jdfs.name.NameServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With a users file on the name server, a mount logs in and acts as its login user: what alice's mount
 * writes is hers, and bob's mount is refused where the modes say so (EACCES, never EIO).
 */
class FuseLoginTest {
    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static DfsClient admin;
    static DfsClient aliceClient;
    static DfsClient bobClient;
    static FuseGateway alice;
    static FuseGateway bob;

    @BeforeAll
    static void mount() throws Exception {
        Path users = TestUsers.write(dir.resolve("users"));
        cluster = LocalCluster.start(dir.resolve("cluster"), NameServerConfig.forTests().withUsers(users), 2, 0, 0);
        admin = DfsClient.connect(as("admin"));
        admin.mkdirs("/home/alice");
        admin.setOwner("/home/alice", 1001, 1001);
        admin.setMode("/home/alice", 0700);
        admin.mkdirs("/tmp");
        admin.setMode("/tmp", 01777);
        aliceClient = DfsClient.connect(as("alice"));
        bobClient = DfsClient.connect(as("bob"));
        alice = FuseGateway.mount(aliceClient, Files.createDirectories(dir.resolve("alice")), MountOptions.defaults());
        bob = FuseGateway.mount(bobClient, Files.createDirectories(dir.resolve("bob")), MountOptions.defaults());
    }

    static ClientConfig as(String user) {
        return cluster.clientConfig().withUmask(0).withLogin(TestUsers.login(user));
    }

    @AfterAll
    static void unmount() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {bob, alice, bobClient, aliceClient, admin, cluster}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void theMountActsAsItsLoginUser() throws Exception {
        Path mine = alice.mountPoint().resolve("home/alice/notes");
        Files.writeString(mine, "alice's");
        assertThat(admin.stat("/home/alice/notes").uid()).as("owned by alice as the users file has her").isEqualTo(1001);
        assertThat(Files.readString(mine)).isEqualTo("alice's");

        Path theirs = bob.mountPoint().resolve("home/alice/notes");
        assertThatThrownBy(() -> Files.readString(theirs)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> Files.writeString(bob.mountPoint().resolve("home/alice/bobs"), "x"))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(admin.statOrNull("/home/alice/bobs")).as("nothing written for bob").isNull();
        Files.writeString(bob.mountPoint().resolve("tmp/by-bob"), "ok");
        assertThat(admin.stat("/tmp/by-bob").uid()).as("what bob's mount creates is bob's").isEqualTo(1002);
    }
}
