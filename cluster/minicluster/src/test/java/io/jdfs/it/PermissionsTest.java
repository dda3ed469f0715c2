package io.jdfs.it;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.client.XattrMode;
import io.jdfs.local.LocalCluster;
import io.jdfs.protocol.AccessDeniedException;
import io.jdfs.protocol.Caller;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.FileStatus;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Owners and modes enforced by the name server against the caller carried on the connection: the
 * owner, a member of the group, anyone else and the superuser, on every call POSIX guards.
 */
class PermissionsTest {
    static final Caller ALICE = new Caller("alice", 1000, 100, List.of(101, 300));
    static final Caller BOB = new Caller("bob", 1001, 100, List.of());
    static final Caller CAROL = new Caller("carol", 1002, 200, List.of());

    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static DfsClient root;
    static DfsClient alice;
    static DfsClient bob;
    static DfsClient carol;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.forTests(dir, 2);
        cluster.awaitRegistered(Duration.ofSeconds(10));
        root = as(Caller.ROOT);
        alice = as(ALICE);
        bob = as(BOB);
        carol = as(CAROL);
        root.mkdirs("/home/alice", 0755);
        root.setOwner("/home/alice", ALICE.uid(), ALICE.gid());
    }

    @AfterAll
    static void stop() {
        for (DfsClient c : List.of(root, alice, bob, carol)) {
            c.close();
        }
        cluster.close();
    }

    static DfsClient as(Caller c) throws IOException {
        return DfsClient.connect(ClientConfig.of(cluster.nameServerAddress()).withCaller(c));
    }

    static void write(DfsClient c, String path, String text) throws IOException {
        try (DfsOutputStream out = c.create(path)) {
            out.write(text.getBytes());
        }
    }

    static String read(DfsClient c, String path) throws IOException {
        try (InputStream in = c.open(path)) {
            return new String(in.readAllBytes());
        }
    }

    static void denied(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(AccessDeniedException.class)
                .satisfies(t -> assertThat(((AccessDeniedException) t).code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
    }

    static void notPermitted(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(AccessDeniedException.class)
                .satisfies(t -> assertThat(((AccessDeniedException) t).code()).isEqualTo(ErrorCode.NOT_PERMITTED));
    }

    @Test
    void newFilesBelongToTheirCreatorWithTheUmaskApplied() throws Exception {
        write(alice, "/home/alice/notes.txt", "mine");
        FileStatus st = alice.stat("/home/alice/notes.txt");
        assertThat(st.uid()).isEqualTo(1000);
        assertThat(st.gid()).isEqualTo(100);
        assertThat(st.mode() & 07777).isEqualTo(0644);
        alice.mkdirs("/home/alice/sub");
        assertThat(alice.stat("/home/alice/sub").mode() & 07777).isEqualTo(0755);
    }

    @Test
    void writeReadAndSearchBitsDecideForOwnerGroupAndOthers() throws Exception {
        write(alice, "/home/alice/shared.txt", "for the group");
        denied(() -> write(bob, "/home/alice/intrusion.txt", "no")); // not bob's directory
        assertThat(read(bob, "/home/alice/shared.txt")).isEqualTo("for the group"); // 0644: others read
        alice.setMode("/home/alice/shared.txt", 0640);
        assertThat(read(bob, "/home/alice/shared.txt")).isEqualTo("for the group"); // bob is in group 100
        denied(() -> read(carol, "/home/alice/shared.txt"));
        denied(() -> bob.delete("/home/alice/shared.txt", false));
        denied(() -> bob.rename("/home/alice/shared.txt", "/home/alice/moved.txt", false));
        denied(() -> carol.setXattr("/home/alice/shared.txt", "user.tag", new byte[]{1}, XattrMode.SET));

        alice.setMode("/home/alice", 0700);
        denied(() -> bob.stat("/home/alice/shared.txt")); // no search permission on the directory
        denied(() -> bob.list("/home/alice"));
        alice.setMode("/home/alice", 0711);
        assertThat(bob.stat("/home/alice/shared.txt").length()).isEqualTo(13); // search without read
        denied(() -> bob.list("/home/alice"));
        alice.setMode("/home/alice", 0755);
        assertThat(root.list("/home/alice")).isNotEmpty(); // the superuser passes every check
    }

    @Test
    void onlyTheOwnerChangesModesAndOnlyTheSuperuserGivesFilesAway() throws Exception {
        write(alice, "/home/alice/owned.txt", "x");
        notPermitted(() -> bob.setMode("/home/alice/owned.txt", 0777));
        notPermitted(() -> alice.setOwner("/home/alice/owned.txt", BOB.uid(), -1));
        alice.setOwner("/home/alice/owned.txt", -1, 101); // a group alice belongs to
        assertThat(alice.stat("/home/alice/owned.txt").gid()).isEqualTo(101);
        notPermitted(() -> alice.setOwner("/home/alice/owned.txt", -1, 200)); // carol's group, not hers
        alice.setMode("/home/alice/owned.txt", 06755);
        assertThat(alice.stat("/home/alice/owned.txt").mode() & 07777).isEqualTo(06755);
        alice.setOwner("/home/alice/owned.txt", -1, 300);
        assertThat(alice.stat("/home/alice/owned.txt").mode() & 07777).as("chown by a non-superuser clears setuid/setgid")
                .isEqualTo(0755);
        root.setOwner("/home/alice/owned.txt", BOB.uid(), BOB.gid());
        assertThat(bob.stat("/home/alice/owned.txt").uid()).isEqualTo(BOB.uid());
        bob.setMode("/home/alice/owned.txt", 02755); // group 100 is bob's: setgid stays
        assertThat(bob.stat("/home/alice/owned.txt").mode() & 02000).isEqualTo(02000);
        root.setOwner("/home/alice/owned.txt", -1, 200);
        bob.setMode("/home/alice/owned.txt", 02755); // group 200 is not bob's: setgid is dropped
        assertThat(bob.stat("/home/alice/owned.txt").mode() & 07777).isEqualTo(0755);
    }

    @Test
    void theStickyBitLimitsDeletionAndRenameToOwners() throws Exception {
        root.mkdirs("/tmp", 0777);
        root.setMode("/tmp", 01777);
        write(alice, "/tmp/alices", "a");
        notPermitted(() -> bob.delete("/tmp/alices", false));
        notPermitted(() -> bob.rename("/tmp/alices", "/tmp/bobs", false));
        write(bob, "/tmp/bobs", "b");
        bob.delete("/tmp/bobs", false);
        alice.delete("/tmp/alices", false);
        assertThat(root.list("/tmp")).isEmpty();
    }

    @Test
    void aSetgidDirectoryPassesItsGroupOn() throws Exception {
        root.mkdirs("/proj", 0775);
        root.setOwner("/proj", 0, 300);
        root.setMode("/proj", 02775);
        write(alice, "/proj/plan.txt", "p");
        assertThat(alice.stat("/proj/plan.txt").gid()).isEqualTo(300);
        alice.mkdirs("/proj/sub");
        FileStatus sub = alice.stat("/proj/sub");
        assertThat(sub.gid()).isEqualTo(300);
        assertThat(sub.mode() & 02000).as("subdirectories inherit the setgid bit").isEqualTo(02000);
    }

    @Test
    void removingATreeNeedsWriteOnEveryDirectoryInIt() throws Exception {
        alice.mkdirs("/home/alice/tree/locked");
        write(alice, "/home/alice/tree/locked/f", "f");
        alice.setMode("/home/alice/tree/locked", 0555);
        denied(() -> alice.delete("/home/alice/tree", true));
        assertThat(alice.exists("/home/alice/tree/locked/f")).isTrue();
        alice.setMode("/home/alice/tree/locked", 0755);
        assertThat(alice.delete("/home/alice/tree", true)).isTrue();
    }
}
