package io.jdfs.it;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.protocol.TemporaryNames;
import io.jdfs.local.LocalCluster;
import io.jdfs.local.junit.WithLocalCluster;
import io.jdfs.protocol.ClusterEvent;
import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.FsckReport;
import io.jdfs.protocol.InvalidPathException;
import io.jdfs.protocol.PathExistsException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static io.jdfs.local.junit.TestData.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Uploads appear only when whole: written under a hidden temporary, renamed into place on close;
 * an abort or a vanished client leaves the target as it was. Lease recovery of direct writers is an
 * event naming the writer, and fsck never calls a replica-less block healthy.
 */
@WithLocalCluster(dataServers = 2, leaseExpiryMillis = 2_000)
class UploadAtomicityTest {
    static final int BLOCK = 1 << 20;

    static LocalCluster cluster;
    static DfsClient client;

    static byte[] read(String path) throws IOException {
        try (InputStream in = client.open(path)) {
            return in.readAllBytes();
        }
    }

    static List<String> names(String dirPath) throws IOException {
        return client.list(dirPath).stream().map(FileStatus::name).toList();
    }

    /** A client that stops renewing its lease (as if killed) while its streams stay open. */
    static DfsClient vanishingClient() throws IOException {
        return DfsClient.connect(ClientConfig.of(cluster.nameServerAddress()).withLeaseRenew(3_600_000));
    }

    static CreateOptions blocks() {
        return CreateOptions.overwriting().withBlockSize(BLOCK);
    }

    @Test
    void anUploadAppearsUnderItsNameOnlyWhenWhole() throws Exception {
        byte[] data = random(3 * BLOCK + 7, 1);
        DfsOutputStream out = client.createAtomically("/atomic/new.bin", blocks());
        out.write(data, 0, 2 * BLOCK);
        assertThat(client.exists("/atomic/new.bin")).isFalse();
        assertThat(names("/atomic")).singleElement().satisfies(n -> assertThat(TemporaryNames.isTemporary(n)).isTrue());
        out.write(data, 2 * BLOCK, data.length - 2 * BLOCK);
        out.close();
        assertThat(names("/atomic")).containsExactly("new.bin");
        assertThat(Arrays.equals(read("/atomic/new.bin"), data)).isTrue();
    }

    @Test
    void replacingKeepsTheOldContentUntilTheNewIsWholeAndAnAbortKeepsItForGood() throws Exception {
        byte[] old = random(BLOCK + 1, 2);
        try (DfsOutputStream out = client.createAtomically("/replace/f", blocks())) {
            out.write(old);
        }
        DfsOutputStream out = client.createAtomically("/replace/f", blocks());
        out.write(random(2 * BLOCK, 3));
        assertThat(Arrays.equals(read("/replace/f"), old)).as("old content while the new is written").isTrue();
        out.abort();
        await().atMost(Duration.ofSeconds(5)).until(() -> names("/replace").equals(List.of("f")));
        assertThat(Arrays.equals(read("/replace/f"), old)).as("old content after an abort").isTrue();

        byte[] fresh = random(BLOCK + 2, 4);
        try (DfsOutputStream again = client.createAtomically("/replace/f", blocks())) {
            again.write(fresh);
        }
        assertThat(Arrays.equals(read("/replace/f"), fresh)).isTrue();
    }

    @Test
    void withoutOverwriteAnExistingTargetIsRefusedBeforeAnyByteIsSent() throws Exception {
        try (DfsOutputStream out = client.createAtomically("/keep/f", blocks())) {
            out.write(1);
        }
        assertThatThrownBy(() -> client.createAtomically("/keep/f", CreateOptions.defaults()))
                .isInstanceOf(PathExistsException.class);
        assertThat(names("/keep")).containsExactly("f");
    }

    @Test
    void aClientKilledMidUploadLeavesTheOldFileAndItsTemporaryIsDeleted() throws Exception {
        byte[] old = random(BLOCK, 5);
        try (DfsOutputStream out = client.createAtomically("/killed/f", blocks())) {
            out.write(old);
        }
        long seq = lastEvent();
        DfsClient doomed = vanishingClient();
        DfsOutputStream out = doomed.createAtomically("/killed/f", blocks());
        out.write(random(2 * BLOCK + 5, 6));
        out.flush();
        assertThat(names("/killed")).hasSize(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> names("/killed").equals(List.of("f")));
        assertThat(Arrays.equals(read("/killed/f"), old)).isTrue();
        assertThat(client.admin().events(seq)).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(ClusterEvent.Kind.UPLOAD_ABANDONED);
            assertThat(e.message()).contains("/killed/.f.jdfs-upload-").contains(System.getProperty("user.name") + "@");
        });
        doomed.close();
    }

    @Test
    void aDirectWriterThatVanishesHasItsFileClosedWithAnEventNamingIt() throws Exception {
        long seq = lastEvent();
        DfsClient doomed = vanishingClient();
        DfsOutputStream out = doomed.create("/direct/f", blocks());
        out.write(random(2 * BLOCK, 7)); // two whole blocks reach the data servers
        await().atMost(Duration.ofSeconds(30)).until(() -> client.stat("/direct/f").complete());
        assertThat(client.admin().events(seq)).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(ClusterEvent.Kind.LEASE_RECOVERED);
            assertThat(e.subject()).isEqualTo("/direct/f");
            assertThat(e.message()).contains("writer " + System.getProperty("user.name") + "@").contains("closed at");
        });
        doomed.close();
    }

    @Test
    void fsckListsFilesOpenForWriteAndTemporaries() throws Exception {
        DfsOutputStream direct = client.create("/open/direct", blocks());
        direct.write(random(BLOCK + 1, 8));
        DfsOutputStream upload = client.createAtomically("/open/upload", blocks());
        upload.write(random(BLOCK + 1, 9));
        FsckReport r = client.admin().fsck("/open");
        assertThat(r.openForWrite()).hasSize(2);
        assertThat(r.temporaries()).singleElement().satisfies(f -> assertThat(f.path()).startsWith("/open/.upload.jdfs-upload-"));
        direct.close();
        upload.close();
        FsckReport after = client.admin().fsck("/open");
        assertThat(after.openForWrite()).isEmpty();
        assertThat(after.temporaries()).isEmpty();
        assertThat(after.healthy()).isTrue();
    }

    @Test
    void namesWithControlCharactersAreRefusedWhereNamesAreCreated() throws Exception {
        for (String bad : List.of("/ctl/a\nb", "/ctl/tab\there", "/ctl/del\u007f", "/ctl/bell\u0007")) {
            assertThatThrownBy(() -> client.mkdirs(bad)).isInstanceOf(InvalidPathException.class)
                    .hasMessageContaining("control character");
            assertThatThrownBy(() -> client.create(bad)).isInstanceOf(InvalidPathException.class);
            assertThatThrownBy(() -> client.createAtomically(bad, CreateOptions.defaults()))
                    .isInstanceOf(InvalidPathException.class);
        }
        try (DfsOutputStream out = client.create("/ctl/ok")) {
            out.write(1);
        }
        assertThatThrownBy(() -> client.rename("/ctl/ok", "/ctl/new\nline", false))
                .isInstanceOf(InvalidPathException.class);
        assertThat(names("/ctl")).containsExactly("ok");
    }

    static long lastEvent() throws IOException {
        List<ClusterEvent> all = client.admin().events(0);
        return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
    }
}
