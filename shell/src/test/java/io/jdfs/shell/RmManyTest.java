package io.jdfs.shell;

import io.jdfs.client.DfsClient;
import io.jdfs.local.LocalCluster;
import io.jdfs.local.junit.WithLocalCluster;
import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.Batches.Batch;
import io.jdfs.shell.OneShot.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shell's rm and {@code dfs client delete} with many paths (deleted together, several requests in
 * flight): globs and lists delete every match, and a path that is missing or refused is reported on
 * its own line while the others are still deleted.
 */
@WithLocalCluster(dataServers = 2)
class RmManyTest {
    static LocalCluster cluster;
    static DfsClient client;
    @TempDir
    static Path base;

    private static Batch shell(String script) {
        return Batches.run(new ShellOptions(cluster.nameServerAddress(), null, base.resolve(".history"), base), script);
    }

    /** {@code dfs client ARGS...} against the test's cluster. */
    private static Result dfsClient(String... args) {
        return OneShot.dfsClient(cluster.nameServerAddress(), args);
    }

    private static void files(String dir, int n) throws IOException {
        client.mkdirs(dir);
        for (int i = 0; i < n; i++) {
            try (OutputStream o = client.create(dir + "/f" + i)) {
                o.write(new byte[1024]);
            }
        }
    }

    private static List<String> names(String dir) throws IOException {
        return client.list(dir).stream().map(FileStatus::path).map(p -> p.substring(p.lastIndexOf('/') + 1)).toList();
    }

    @Test
    void rmOfAGlobDeletesEveryMatch() throws Exception {
        files("/glob", 120);
        client.mkdirs("/glob/keep");
        Batch rm = shell("cd /glob; rm f*");
        assertThat(rm.status()).as(rm.err()).isZero();
        assertThat(rm.err()).isEmpty();
        assertThat(names("/glob")).containsExactly("keep");
    }

    @Test
    void aMissingPathAmongManyIsReportedAndTheOthersAreDeleted() throws Exception {
        files("/list", 3);
        client.mkdirs("/list/full/sub");
        Batch rm = shell("rm /list/f0 /list/missing /list/full /list/f1 /list/f2");
        assertThat(rm.status()).isEqualTo(1);
        assertThat(rm.err().lines()).containsExactly("rm: /list/missing: no such file or directory",
                "rm: /list/full is a non-empty directory (use -r to delete it with its contents)");
        assertThat(names("/list")).containsExactly("full");

        Batch force = shell("rm -f /list/missing /list/nomatch* /list/full/sub");
        assertThat(force.status()).as(force.err()).isZero();
        assertThat(names("/list/full")).isEmpty();
    }

    @Test
    void rmRecursiveOfSeveralTrees() throws Exception {
        files("/trees/a", 5);
        files("/trees/b", 5);
        Batch rm = shell("rm -r /trees/a /trees/b");
        assertThat(rm.status()).as(rm.err()).isZero();
        assertThat(names("/trees")).isEmpty();
    }

    @Test
    void clientDeleteTakesSeveralPaths() throws Exception {
        files("/cli", 3);
        Result r = dfsClient("delete", "/cli/f0", "/cli/missing", "/cli/f1", "/cli/f2");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().lines()).containsExactly("dfs: /cli/missing: no such file or directory");
        assertThat(r.out().lines()).containsExactly("deleted /cli/f0", "deleted /cli/f1", "deleted /cli/f2");
        assertThat(names("/cli")).isEmpty();

        Result one = dfsClient("delete", "/cli/missing");
        assertThat(one.status()).isEqualTo(1);
        assertThat(one.err().lines()).containsExactly("dfs: /cli/missing: no such file or directory");
        assertThat(dfsClient("delete", "-f", "/cli/missing", "/cli/other").status()).isZero();
    }
}
