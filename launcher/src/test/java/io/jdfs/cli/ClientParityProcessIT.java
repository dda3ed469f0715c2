package io.jdfs.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dfs client} as {@code hdfs dfs} users use it, as real processes: standard input and output in pipes
 * with tar, trees up and down with their checksums, touch, test, count, chmod, checksum.
 */
class ClientParityProcessIT {
    private static ProcessCluster cluster;
    private static Path tree;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ProcessCluster("parity", 2);
        tree = cluster.dir.resolve("tree");
        Random random = new Random(7);
        for (String f : new String[]{"a.txt", "sub/b.bin", "sub/deeper/c.bin", "sub/deeper/empty", "x y/z é.txt"}) {
            Path p = tree.resolve(f);
            Files.createDirectories(p.getParent());
            byte[] b = new byte[f.endsWith("empty") ? 0 : f.endsWith(".bin") ? 5 * 1024 * 1024 + random.nextInt(1000) : 100];
            random.nextBytes(b);
            Files.write(p, b);
        }
        Files.createDirectories(tree.resolve("empty-dir"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        cluster.close();
    }

    @Test
    void tarThroughStandardInputAndOutput() throws Exception {
        ProcessCluster.Result up = cluster.bash("tar c -C tree . | tee local.tar | $DFS client upload - /t.tar");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(up.out()).startsWith("uploaded - -> /t.tar: ");
        ProcessCluster.Result list = cluster.bash("$DFS client cat /t.tar | tar t");
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.out()).contains("./sub/deeper/c.bin").contains("./x y/z é.txt");
        ProcessCluster.Result back = cluster.bash("mkdir -p untar && $DFS client download /t.tar - | tar x -C untar");
        assertThat(back.exit()).as(back.toString()).isZero();
        assertThat(hashes(cluster.dir.resolve("untar"))).isEqualTo(hashes(tree));
        ProcessCluster.Result sum = cluster.bash("$DFS client checksum /t.tar && sha256sum local.tar");
        assertThat(sum.exit()).as(sum.toString()).isZero();
        String[] lines = sum.out().split("\n");
        assertThat(lines[0]).isEqualTo(ProcessCluster.sha256(cluster.dir.resolve("local.tar")) + "  /t.tar");
        assertThat(lines[0].split(" ")[0]).isEqualTo(lines[1].split(" ")[0]);
    }

    @Test
    void treesGoUpAndDownWithTheSameBytes() throws Exception {
        ProcessCluster.Result up = cluster.client("upload", "-r", tree.toString(), "/trees/");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(up.out()).contains(tree + " -> /trees/tree: 5 files, ");
        ProcessCluster.Result refused = cluster.client("upload", tree.toString(), "/other");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("is a directory (use upload -r)");
        ProcessCluster.Result count = cluster.client("count", "/trees/tree");
        assertThat(count.out()).containsPattern("\\s+5\\s+5\\s+" + size(tree) + " /trees/tree");
        ProcessCluster.Result down = cluster.client("download", "-r", "/trees/tree", "back");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(down.out()).contains("/trees/tree -> back: 5 files, ");
        assertThat(hashes(cluster.dir.resolve("back"))).isEqualTo(hashes(tree));
        assertThat(cluster.dir.resolve("back/empty-dir")).isDirectory();
    }

    @Test
    void touchTestChmodAndCat() throws Exception {
        ProcessCluster.Result r = cluster.bash("""
                $DFS client touch /touched && $DFS client test -f /touched && ! $DFS client test -d /touched \\
                  && $DFS client test -e / && ! $DFS client test -e /nothing-here \\
                  && $DFS client chmod 600 /touched && $DFS client chmod g+r,o+r /touched && $DFS client list -l /""");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("-rw-r--r-- .* touched");
        ProcessCluster.Result stat = cluster.client("stat", "/touched");
        assertThat(stat.out()).contains("size:        0");
        ProcessCluster.Result help = cluster.client("cat", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: dfs client cat");
    }

    private static long size(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static Map<String, String> hashes(Path root) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(p).toString(), ProcessCluster.sha256(p));
            }
        }
        return m;
    }
}
