package io.jdfs.it;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsInputStream;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import io.jdfs.name.NameServerConfig;
import io.jdfs.name.NamespaceService;
import io.jdfs.protocol.StaleFileException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A reader reads the version it opened: when the path is replaced (mv -f, upload -f) or deleted
 * mid-read, the name server keeps the opened file's blocks while the reader holds it, and the reader
 * never gets bytes of two files.
 */
class ReadConsistencyTest {
    static final int BLOCK = 1 << 20;
    static final int BLOCKS = 6;

    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static DfsClient writer;

    @BeforeAll
    static void start() throws Exception {
        // a short lease, renewed often: a vanished client's holds lapse within seconds
        cluster = LocalCluster.start(dir, NameServerConfig.forTests().withLeaseExpiry(3_000), 2, 0, 0);
        cluster.awaitRegistered(Duration.ofSeconds(10));
        writer = DfsClient.connect(ClientConfig.of(cluster.nameServerAddress()).withLeaseRenew(300));
    }

    @AfterAll
    static void stop() {
        writer.close();
        cluster.close();
    }

    /** A reader that fetches one block at a time, so most of the file is located after the replace. */
    static DfsClient slowReader() throws IOException {
        return DfsClient.connect(ClientConfig.of(cluster.nameServerAddress()).withReadAhead(0).withLeaseRenew(300));
    }

    static byte[] content(int seed) {
        byte[] b = new byte[BLOCKS * BLOCK + 123];
        new Random(seed).nextBytes(b);
        return b;
    }

    static void write(String path, byte[] data) throws IOException {
        try (DfsOutputStream out = writer.create(path, CreateOptions.overwriting().withBlockSize(BLOCK))) {
            out.write(data);
        }
    }

    static NamespaceService namespace() {
        return cluster.nameServer().namespace();
    }

    /**
     * Waits until deletions queued from now on have reached the data servers: a canary file is
     * deleted and its replicas awaited gone. Replicas wrongly queued for deletion before it would be gone too.
     */
    static void letDeletionsRun() throws IOException {
        String canary = "/canary-" + System.nanoTime();
        write(canary, new byte[10]);
        List<Long> ids = writer.allBlocks(canary).stream().map(b -> b.block().id()).toList();
        writer.delete(canary, false);
        awaitGoneFromDisks(ids);
    }

    /** Waits until no data server holds a replica of any of these blocks. */
    static void awaitGoneFromDisks(List<Long> blockIds) {
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.dataServers().stream()
                .filter(java.util.Objects::nonNull)
                .noneMatch(ds -> blockIds.stream().anyMatch(id -> ds.store().get(id) != null)));
    }

    @Test
    void aReaderFinishesTheVersionItOpenedWhenThePathIsReplaced() throws Exception {
        byte[] old = content(1);
        byte[] replacement = content(2);
        write("/replaced/f", old);
        write("/replaced/staging", replacement);
        try (DfsClient client = slowReader(); DfsInputStream in = client.open("/replaced/f")) {
            byte[] got = new byte[old.length];
            int first = in.readNBytes(got, 0, BLOCK);
            writer.rename("/replaced/staging", "/replaced/f", true);
            await().atMost(Duration.ofSeconds(10)).until(() -> namespace().retainedBlocks() >= BLOCKS + 1);
            letDeletionsRun();
            int rest = in.readNBytes(got, first, old.length - first);
            assertThat(first + rest).isEqualTo(old.length);
            assertThat(Arrays.equals(got, old)).as("every byte from the version opened").isTrue();
            byte[] viaPread = new byte[100];
            in.readFully(old.length - 100, viaPread, 0, 100);
            assertThat(viaPread).isEqualTo(Arrays.copyOfRange(old, old.length - 100, old.length));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> namespace().retainedBlocks() == 0);
        try (DfsInputStream in = writer.open("/replaced/f")) {
            assertThat(Arrays.equals(in.readAllBytes(), replacement)).as("the new version after the reader closed").isTrue();
        }
    }

    @Test
    void aReaderFinishesAFileDeletedUnderIt() throws Exception {
        byte[] old = content(3);
        write("/deleted/f", old);
        try (DfsClient client = slowReader(); DfsInputStream in = client.open("/deleted/f")) {
            byte[] got = new byte[old.length];
            int first = in.readNBytes(got, 0, BLOCK / 2);
            assertThat(writer.delete("/deleted/f", false)).isTrue();
            letDeletionsRun();
            int rest = in.readNBytes(got, first, old.length - first);
            assertThat(first + rest).isEqualTo(old.length);
            assertThat(Arrays.equals(got, old)).isTrue();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> namespace().retainedBlocks() == 0);
    }

    @Test
    void aReaderWhoseOpenedVersionIsGoneFailsClearlyInsteadOfMixing() throws Exception {
        byte[] old = content(4);
        byte[] replacement = content(5);
        write("/stale/f", old);
        write("/stale/staging", replacement);
        List<Long> oldBlocks = writer.allBlocks("/stale/f").stream().map(b -> b.block().id()).toList();
        try (DfsClient client = slowReader(); DfsInputStream in = client.open("/stale/f")) {
            byte[] got = new byte[BLOCK];
            in.readNBytes(got, 0, BLOCK);
            // the name server restarts: read holds live in memory only, the old version is gone for good
            cluster.restartNameServer();
            cluster.awaitRegistered(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(20)).until(() -> !cluster.nameServer().inSafeMode());
            writer.rename("/stale/staging", "/stale/f", true);
            awaitGoneFromDisks(oldBlocks); // the data servers drop the old version's replicas
            assertThatThrownBy(() -> in.readNBytes(new byte[old.length], 0, old.length - BLOCK))
                    .isInstanceOf(StaleFileException.class)
                    .hasMessageContaining("/stale/f was replaced or deleted while being read");
        }
    }

    @Test
    void readHoldsOfAClientThatVanishesLapseWithItsLease() throws Exception {
        write("/lapse/f", content(6));
        DfsClient client = slowReader();
        DfsInputStream in = client.open("/lapse/f");
        in.readNBytes(new byte[10], 0, 10);
        assertThat(namespace().reads().filesOpenForRead()).isGreaterThanOrEqualTo(1);
        writer.delete("/lapse/f", false);
        assertThat(namespace().retainedBlocks()).isGreaterThanOrEqualTo(BLOCKS + 1);
        client.close(); // the client goes without closing its stream: no release is sent
        await().atMost(Duration.ofSeconds(30)).until(() -> namespace().retainedBlocks() == 0);
    }
}
