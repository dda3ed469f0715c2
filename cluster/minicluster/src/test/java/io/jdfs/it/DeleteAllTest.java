package io.jdfs.it;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.DeleteResult;
import io.jdfs.client.DfsClient;
import io.jdfs.local.LocalCluster;
import io.jdfs.local.junit.WithLocalCluster;
import io.jdfs.protocol.AccessDeniedException;
import io.jdfs.protocol.Caller;
import io.jdfs.protocol.DirectoryNotEmptyException;
import io.jdfs.protocol.FileStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link DfsClient#deleteAll}: many deletes in flight on one connection, each path with its own result
 * in the order given, fewer journal flushes than deletes, and every acknowledged delete in the journal (a name server killed with SIGKILL right
 * after the call brings none of them back).
 */
@WithLocalCluster(dataServers = 2)
class DeleteAllTest {
    static LocalCluster cluster;
    static DfsClient client;

    private static void write(String path) throws IOException {
        try (OutputStream out = client.create(path)) {
            out.write(new byte[4096]);
        }
    }

    @Test
    void eachPathGetsItsOwnResultAndAFailureStopsNoOther() throws Exception {
        client.mkdirs("/many/full");
        write("/many/full/inside");
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            write("/many/f" + i);
            paths.add("/many/f" + i);
        }
        paths.add(70, "/many/missing");
        paths.add(100, "/many/full"); // not empty, not recursive

        long syncs = cluster.nameServer().journalSyncs();
        List<DeleteResult> results = client.deleteAll(paths, false);
        syncs = cluster.nameServer().journalSyncs() - syncs;

        System.out.printf("FIGURE deleteAll of %d paths: %d journal fsyncs%n", paths.size(), syncs);
        // requests in flight together share journal flushes (one per read burst on the name server)
        assertThat(syncs).as("journal fsyncs for %d deletes", paths.size()).isPositive().isLessThan(paths.size());

        assertThat(results).extracting(DeleteResult::path).containsExactlyElementsOf(paths);
        for (DeleteResult r : results) {
            switch (r.path()) {
                case "/many/missing" -> assertThat(r).extracting(DeleteResult::deleted, DeleteResult::error)
                        .containsExactly(false, null);
                case "/many/full" -> assertThat(r.error()).isInstanceOf(DirectoryNotEmptyException.class);
                default -> assertThat(r.deleted()).as(r.path()).isTrue();
            }
        }
        assertThat(client.list("/many")).extracting(FileStatus::path).containsExactly("/many/full");
        assertThat(client.exists("/many/full/inside")).isTrue();
    }

    @Test
    void appliedInTheOrderGiven() throws Exception {
        write("/ordered/sub/a");
        write("/ordered/b");
        // the directory goes first (recursively), so what was inside it is already gone
        List<DeleteResult> results = client.deleteAll(List.of("/ordered/sub", "/ordered/sub/a", "/ordered/b"), true);
        assertThat(results).extracting(DeleteResult::deleted).containsExactly(true, false, true);
        assertThat(results).allMatch(DeleteResult::gone);
        assertThat(client.list("/ordered")).isEmpty();
    }

    @Test
    void refusedPathsReportWhy() throws Exception {
        client.mkdirs("/locked/dir");
        write("/locked/dir/kept");
        write("/locked/free");
        client.setMode("/locked", 0777);
        client.setMode("/locked/dir", 0555);
        Caller someoneElse = new Caller("someone-else", 4242, 4242, List.of());
        try (DfsClient other = DfsClient.connect(cluster.clientConfig().withCaller(someoneElse))) {
            List<DeleteResult> results = other.deleteAll(List.of("/locked/dir/kept", "/locked/free"), false);
            assertThat(results.get(0).error()).isInstanceOf(AccessDeniedException.class);
            assertThat(results.get(1).deleted()).isTrue();
        } finally {
            client.setMode("/locked/dir", 0755);
        }
        assertThat(client.exists("/locked/dir/kept")).isTrue();
        assertThat(client.exists("/locked/free")).isFalse();
    }

    @Test
    void acknowledgedDeletesSurviveSigkill(@TempDir Path dir) throws Exception {
        int port = NameServerCrashTest.freePort();
        Path meta = dir.resolve("name");
        Process ns = NameServerCrashTest.startNameServer(meta, port);
        try {
            ClientConfig cfg = ClientConfig.of("127.0.0.1:" + port);
            List<String> paths = new ArrayList<>();
            try (DfsClient c = DfsClient.connect(cfg)) {
                for (int i = 0; i < 300; i++) {
                    c.mkdirs("/gone/d" + i);
                    paths.add("/gone/d" + i);
                }
                c.mkdirs("/kept");
                assertThat(c.deleteAll(paths, false)).allMatch(DeleteResult::deleted);
                ns.destroyForcibly(); // SIGKILL at once: no shutdown hook, no checkpoint
                ns.waitFor();
            }
            ns = NameServerCrashTest.startNameServer(meta, port);
            try (DfsClient c = DfsClient.connect(cfg)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> !c.admin().safeMode("get").on());
                assertThat(c.list("/gone")).isEmpty();
                assertThat(c.exists("/kept")).isTrue();
            }
        } finally {
            ns.destroyForcibly();
            ns.waitFor();
        }
    }
}
