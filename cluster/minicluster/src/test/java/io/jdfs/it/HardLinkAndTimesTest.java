package io.jdfs.it;

import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import io.jdfs.local.junit.WithLocalCluster;
import io.jdfs.protocol.Caller;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.PathExistsException;
import io.jdfs.protocol.Protocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Hard links (nlink, the last name frees the blocks), rename exchange, and utimensat's rules. */
@WithLocalCluster(dataServers = 2)
class HardLinkAndTimesTest {
    static final Caller ALICE = new Caller("alice", 1000, 100, List.of());
    static final Caller BOB = new Caller("bob", 1001, 100, List.of());
    static LocalCluster cluster;
    static DfsClient client;

    @BeforeAll
    static void asRoot() throws Exception {
        client = client.asCaller(Caller.ROOT); // the client the extension made is closed by it
    }

    @AfterAll
    static void closeRoot() {
        client.close();
    }

    static void put(DfsClient c, String path, String text) throws Exception {
        try (DfsOutputStream out = c.create(path)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    static String get(String path) throws Exception {
        try (InputStream in = client.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aHardLinkIsTheSameFileUnderTwoNamesUntilTheLastGoes() throws Exception {
        put(client, "/hl/a", "shared bytes");
        FileStatus b = client.link("/hl/a", "/hl/b");
        assertThat(b.inodeId()).isEqualTo(client.stat("/hl/a").inodeId());
        assertThat(client.stat("/hl/a").linkCount()).isEqualTo(2);
        assertThat(get("/hl/b")).isEqualTo("shared bytes");
        client.setMode("/hl/b", 0600);
        assertThat(client.stat("/hl/a").mode() & 0777).as("one inode: attributes are shared").isEqualTo(0600);

        client.rename("/hl/a", "/hl/b", true);
        assertThat(client.exists("/hl/a")).as("rename between two links of one inode does nothing").isTrue();

        List<LocatedBlock> blocks = client.allBlocks("/hl/a");
        client.delete("/hl/a", false);
        assertThat(client.stat("/hl/b").linkCount()).isEqualTo(1);
        assertThat(get("/hl/b")).as("data stays while a name is left").isEqualTo("shared bytes");
        client.delete("/hl/b", false);
        long blockId = blocks.get(0).block().id();
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.dataServers().stream()
                .allMatch(d -> d.store().get(blockId) == null));
    }

    @Test
    void directoriesCannotBeHardLinkedAndNamesAreNotReplaced() throws Exception {
        client.mkdirs("/hl2/d");
        put(client, "/hl2/f", "x");
        assertThatThrownBy(() -> client.link("/hl2/d", "/hl2/e"))
                .satisfies(t -> assertThat(((DfsException) t).code()).isEqualTo(ErrorCode.NOT_PERMITTED));
        assertThatThrownBy(() -> client.link("/hl2/f", "/hl2/d")).isInstanceOf(PathExistsException.class);
        assertThat(client.stat("/hl2/d").linkCount()).isEqualTo(2);
        client.mkdirs("/hl2/d/x");
        assertThat(client.stat("/hl2/d").linkCount()).as("2 + subdirectories, as ext4").isEqualTo(3);
    }

    @Test
    void linksSurviveCheckpointAndRestart() throws Exception {
        put(client, "/hl3/orig", "kept");
        client.link("/hl3/orig", "/hl3/copy");
        cluster.nameServer().checkpoint();
        client.link("/hl3/orig", "/hl3/third"); // this one only in the journal
        cluster.restartNameServer();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.clusterStatus().liveServers() == 2);
        assertThat(client.stat("/hl3/copy").linkCount()).isEqualTo(3);
        assertThat(client.stat("/hl3/third").inodeId()).isEqualTo(client.stat("/hl3/orig").inodeId());
        client.delete("/hl3/orig", false);
        assertThat(get("/hl3/third")).isEqualTo("kept");
    }

    @Test
    void exchangeSwapsTwoNamesAtOnce() throws Exception {
        put(client, "/ex/one", "1");
        client.mkdirs("/ex/two/inside");
        client.exchange("/ex/one", "/ex/two");
        assertThat(client.stat("/ex/one").isDirectory()).isTrue();
        assertThat(client.exists("/ex/one/inside")).isTrue();
        assertThat(get("/ex/two")).isEqualTo("1");
        assertThatThrownBy(() -> client.exchange("/ex/one", "/ex/one/inside"))
                .satisfies(t -> assertThat(((DfsException) t).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> client.exchange("/ex/one", "/ex/none")).isInstanceOf(DfsException.class);
    }

    @Test
    void onlyTheOwnerSetsGivenTimesOthersWithWriteAccessSetNow() throws Exception {
        client.mkdirs("/times");
        client.setMode("/times", 0777); // mkdirs applies the umask
        try (DfsClient alice = cluster.newClient().asCaller(ALICE); DfsClient bob = cluster.newClient().asCaller(BOB)) {
            put(alice, "/times/f", "t");
            alice.setMode("/times/f", 0666);
            alice.setTimes("/times/f", 1_000_000_000L, Protocol.UTIME_OMIT);
            FileStatus s = alice.stat("/times/f");
            assertThat(s.mtimeNanos()).isEqualTo(1_000_000_000L);
            long atime = s.atimeNanos();
            assertThatThrownBy(() -> bob.setTimes("/times/f", 5, 5))
                    .satisfies(t -> assertThat(((DfsException) t).code()).isEqualTo(ErrorCode.NOT_PERMITTED));
            bob.setTimes("/times/f", Protocol.UTIME_NOW, Protocol.UTIME_OMIT);
            FileStatus after = alice.stat("/times/f");
            assertThat(after.mtimeNanos()).as("UTIME_NOW: the name server's clock").isGreaterThan(1_000_000_000L);
            assertThat(after.atimeNanos()).as("UTIME_OMIT keeps it").isEqualTo(atime);
        }
    }

    @Test
    void readsMoveTheAccessTimeAsRelatime() throws Exception {
        put(client, "/atime/f", "read me");
        long written = client.stat("/atime/f").atimeNanos();
        get("/atime/f");
        long firstRead = client.stat("/atime/f").atimeNanos();
        assertThat(firstRead).as("the first read after a write moves atime").isGreaterThan(written);
        get("/atime/f");
        assertThat(client.stat("/atime/f").atimeNanos()).as("later reads within a day do not").isEqualTo(firstRead);
        assertThat(client.stat("/atime/f").ctimeNanos()).as("atime never moves ctime").isLessThan(firstRead);
    }

    @Test
    void writingInPlaceLinkingAndExchangingNeedTheRights() throws Exception {
        client.mkdirs("/rights");
        client.setMode("/rights", 0777);
        try (DfsClient alice = cluster.newClient().asCaller(ALICE); DfsClient bob = cluster.newClient().asCaller(BOB)) {
            put(alice, "/rights/mine", "alice's");
            alice.setMode("/rights/mine", 0644);
            assertThatThrownBy(() -> bob.openFile("/rights/mine", java.util.EnumSet.of(io.jdfs.client.OpenFlag.WRITE), 0))
                    .satisfies(t -> assertThat(((DfsException) t).code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
            bob.openFile("/rights/mine", java.util.EnumSet.of(io.jdfs.client.OpenFlag.READ), 0).close();
            alice.mkdirs("/rights/private");
            alice.setMode("/rights/private", 0755);
            assertThatThrownBy(() -> bob.link("/rights/mine", "/rights/private/hard"))
                    .satisfies(t -> assertThat(((DfsException) t).code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
            client.setMode("/rights", 01777); // sticky: only owners move their own names
            put(bob, "/rights/bobs", "bob's");
            assertThatThrownBy(() -> bob.exchange("/rights/bobs", "/rights/mine"))
                    .satisfies(t -> assertThat(((DfsException) t).code()).isIn(ErrorCode.PERMISSION_DENIED,
                            ErrorCode.NOT_PERMITTED));
            assertThat(get("/rights/mine")).isEqualTo("alice's");
        }
    }

    @Test
    void withAtimeOffReadsNeverMoveIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (LocalCluster noatime = LocalCluster.start(dir, io.jdfs.name.NameServerConfig.forTests()
                .withAccess(new io.jdfs.name.NameServerConfig.Access(false, java.util.Set.of())), 1, 0, 0);
             DfsClient c = noatime.newClient()) {
            noatime.awaitRegistered(Duration.ofSeconds(10));
            put(c, "/f", "x");
            long atime = c.stat("/f").atimeNanos();
            try (InputStream in = c.open("/f")) {
                in.readAllBytes();
            }
            assertThat(c.stat("/f").atimeNanos()).isEqualTo(atime);
        }
    }
}
