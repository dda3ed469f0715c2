package io.jdfs.security;

import io.jdfs.client.DfsClient;
import io.jdfs.local.LocalCluster;
import io.jdfs.name.NameServerConfig;
import io.jdfs.protocol.ClusterStatus;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A journal made to fail for real: the metadata directory sits on a small tmpfs mounted for the test
 * (needs root) that a filler file then fills. The name server turns read-only at once, says so in
 * {@code /api/status}, never shows a change the journal lost, and after a restart (with room again)
 * holds every acknowledged change and none that was refused.
 */
class JournalFailureTest {
    @TempDir
    Path dir;
    private Path mount;
    private Path filler;

    @BeforeEach
    void mountTmpfs() throws Exception {
        mount = dir.resolve("meta-fs");
        Files.createDirectories(mount);
        Process p;
        try {
            p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", mount.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException noMount) {
            mount = null;
            assumeTrue(false, "no mount command: " + noMount.getMessage());
            return;
        }
        String said = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            mount = null;
            assumeTrue(false, "mounting a tmpfs needs root: " + said);
        }
        filler = mount.resolve("filler");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount == null) {
            return; // never mounted: the tests were skipped
        }
        new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor();
    }

    /** Writes zeros until the file system is full. */
    private void fill() throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).containsIgnoringCase("space");
        }
    }

    private LocalCluster start(boolean fsync) throws Exception {
        NameServerConfig cfg = NameServerConfig.forTests().withMetaDir(mount.resolve("name"))
                .withDurability(new NameServerConfig.Durability(fsync, 100_000, 600_000, 0.999, 5_000));
        return LocalCluster.start(dir.resolve("cluster"), cfg, 0, 0, 0);
    }

    private static String apiStatus(LocalCluster c) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + c.nameServer().webPort() + "/api/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    @Test
    void aFailedJournalWriteTurnsReadOnlyAndNoAcknowledgedChangeIsLost() throws Exception {
        try (LocalCluster c = start(false)) {
            Set<String> acknowledged = new TreeSet<>();
            List<String> refused = new ArrayList<>();
            try (DfsClient client = c.newClient()) {
                for (int i = 0; i < 20; i++) {
                    client.mkdirs("/before/d" + i);
                    acknowledged.add("/before/d" + i);
                }
                fill();
                DfsException failure = null;
                for (int i = 0; i < 100_000 && failure == null; i++) {
                    String p = "/after/d" + i;
                    try {
                        client.mkdirs(p);
                        acknowledged.add(p);
                    } catch (DfsException e) {
                        failure = e;
                        refused.add(p);
                    }
                }
                assertThat(failure).as("the journal never filled the tmpfs").isNotNull();
                System.out.println("journal failed after " + acknowledged.size() + " acknowledged changes: "
                        + failure.getMessage());
                assertThat(failure.code()).isEqualTo(ErrorCode.READ_ONLY);

                // memory holds the refused change: no read may show it, nor any other namespace read
                String lost = refused.get(0);
                assertThatThrownBy(() -> client.exists(lost)).isInstanceOfSatisfying(DfsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.READ_ONLY));
                assertThatThrownBy(() -> client.list("/after")).isInstanceOfSatisfying(DfsException.class,
                        e -> assertThat(e.getMessage()).contains("read-only").contains("reads are refused"));
                assertThatThrownBy(() -> client.mkdirs("/later")).isInstanceOfSatisfying(DfsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.READ_ONLY));

                ClusterStatus status = client.clusterStatus();
                assertThat(status.writable()).isFalse();
                assertThat(status.readOnly()).contains("journal could not be written").contains("lost");
                assertThat(apiStatus(c)).contains("\"readOnly\"").contains("read-only since");
            }

            Files.delete(filler); // room again
            c.restartNameServer();
            try (DfsClient client = c.newClient()) {
                assertThat(client.clusterStatus().writable()).isTrue();
                assertThat(apiStatus(c)).contains("\"readOnly\" : null");
                for (String p : acknowledged) {
                    assertThat(client.exists(p)).as(p).isTrue();
                }
                for (String p : refused) {
                    assertThat(client.exists(p)).as("refused change " + p + " came back").isFalse();
                }
                client.mkdirs("/later");
                assertThat(client.exists("/later")).isTrue();
            }
        }
    }

    @Test
    void aCheckpointThatFindsNoRoomTurnsReadOnlyButKeepsServingReads() throws Exception {
        try (LocalCluster c = start(true)) {
            try (DfsClient client = c.newClient()) {
                for (int i = 0; i < 20; i++) {
                    client.mkdirs("/kept/d" + i);
                }
                fill();
                // the checkpoint rolls the journal: the new segment cannot be made, nothing was lost
                assertThatThrownBy(() -> c.nameServer().checkpoint()).isInstanceOf(IOException.class);
                assertThatThrownBy(() -> client.mkdirs("/refused")).isInstanceOfSatisfying(DfsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.READ_ONLY));
                assertThat(client.exists("/kept/d19")).isTrue();
                assertThat(client.list("/kept")).hasSize(20);
                assertThat(client.exists("/refused")).isFalse();
                ClusterStatus status = client.clusterStatus();
                assertThat(status.readOnly()).contains("read-only since").doesNotContain("reads are refused");
            }
            Files.delete(filler);
            c.restartNameServer();
            try (DfsClient client = c.newClient()) {
                assertThat(client.list("/kept")).hasSize(20);
                assertThat(client.exists("/refused")).isFalse();
                client.mkdirs("/refused");
            }
        }
    }
}
