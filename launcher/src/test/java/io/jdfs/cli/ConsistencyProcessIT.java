package io.jdfs.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consistency promises as a user meets them, with separate processes: a download racing a
 * replace of its path returns one version whole or fails, never a mix; a killed upload leaves the
 * old content and no file under the target name; wrong peers, special local files and control
 * characters fail with one line.
 */
class ConsistencyProcessIT {
    private static ProcessCluster cluster;
    private static Path v1;
    private static Path v2;
    private static String sha1;
    private static String sha2;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ProcessCluster("consistency", 2, "--lease-expiry", "3s");
        v1 = write("v1.bin", 24 << 20, 1);
        v2 = write("v2.bin", 24 << 20, 2);
        sha1 = ProcessCluster.sha256(v1);
        sha2 = ProcessCluster.sha256(v2);
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    static Path write(String name, int size, int seed) throws Exception {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return Files.write(cluster.dir.resolve(name), b);
    }

    /** Waits until a download to {@code target} has written 2 MiB to its hidden partial file. */
    static void awaitUnderWay(Path target) {
        String prefix = "." + target.getFileName() + ".";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
            try (var files = Files.list(target.getParent())) {
                return files.anyMatch(f -> f.getFileName().toString().startsWith(prefix)
                        && f.getFileName().toString().endsWith(".part") && f.toFile().length() >= (2 << 20));
            }
        });
    }

    static void ok(ProcessCluster.Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    @Test
    void aDownloadRacingAReplaceOfItsPathGetsOneVersionWholeOrFails() throws Exception {
        int whole = 0;
        int failed = 0;
        for (int round = 0; round < 6; round++) {
            ok(cluster.client("upload", "-f", "--block-size", "1m", v1.toString(), "/race.bin"));
            boolean viaMove = round % 2 == 0;
            if (viaMove) {
                ok(cluster.client("upload", "-f", "--block-size", "1m", v2.toString(), "/staging.bin"));
            }
            Path got = cluster.dir.resolve("race-" + round + ".bin");
            String name = "race-download-" + round;
            Process download = cluster.startClient(name, "download", "-f", "--limit", "12m", "/race.bin", got.toString());
            awaitUnderWay(got); // the download is some blocks in
            ProcessCluster.Result replace = viaMove
                    ? cluster.client("mv", "-f", "/staging.bin", "/race.bin")
                    : cluster.client("upload", "-f", "--block-size", "1m", v2.toString(), "/race.bin");
            ok(replace);
            ProcessCluster.Result r = cluster.result(name, download);
            if (r.exit() == 0) {
                assertThat(ProcessCluster.sha256(got)).as("round %d (%s): one version, whole", round,
                        viaMove ? "mv -f" : "upload -f").isIn(Set.of(sha1, sha2));
                whole++;
            } else {
                assertThat(r.err().strip()).as(r.toString()).startsWith("dfs: ").doesNotContain("\n");
                assertThat(got).doesNotExist();
                failed++;
            }
        }
        System.out.printf("download racing mv -f / upload -f: %d whole, %d failed cleanly, 0 mixed%n", whole, failed);
    }

    @Test
    void aKilledUploadLeavesTheOldContentAndItsTemporaryIsRemoved() throws Exception {
        ok(cluster.client("upload", "-f", v1.toString(), "/killed.bin"));
        Process upload = cluster.startClient("killed-upload", "upload", "-f", "--limit", "4m", v2.toString(), "/killed.bin");
        await().atMost(Duration.ofSeconds(60)).until(() -> cluster.client("list", "-a", "/").out()
                .contains(".killed.bin.jdfs-upload-"));
        upload.destroyForcibly().waitFor();

        Path got = cluster.dir.resolve("killed-got.bin");
        ok(cluster.client("download", "-f", "/killed.bin", got.toString()));
        assertThat(ProcessCluster.sha256(got)).as("the old content, intact").isEqualTo(sha1);
        await().atMost(Duration.ofSeconds(60)).until(() -> !cluster.client("list", "-a", "/").out()
                .contains(".jdfs-upload-"));
        ProcessCluster.Result events = cluster.run("admin", "events", "--nameserver", cluster.nameServerAddress());
        ok(events);
        assertThat(events.out()).contains("UPLOAD_ABANDONED").contains("/.killed.bin.jdfs-upload-");
        ok(cluster.run("fsck", "--nameserver", cluster.nameServerAddress()));
    }

    @Test
    void downloadsRefuseToReplaceDevicesAndFifosButWriteToStandardOutput() throws Exception {
        Path text = Files.writeString(cluster.dir.resolve("hello.txt"), "hello, standard output\n");
        ok(cluster.client("upload", "-f", text.toString(), "/hello.txt"));

        ProcessCluster.Result device = cluster.client("download", "-f", "/hello.txt", "/dev/full");
        assertThat(device.exit()).isNotZero();
        assertThat(device.err().strip()).contains("/dev/full is a character device").doesNotContain("\n");
        assertThat(Files.isRegularFile(Path.of("/dev/full"))).isFalse();

        Path fifo = cluster.dir.resolve("a.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        ProcessCluster.Result toFifo = cluster.client("download", "-f", "/hello.txt", fifo.toString());
        assertThat(toFifo.exit()).isNotZero();
        assertThat(toFifo.err()).contains("is a FIFO");

        ProcessCluster.Result stdout = cluster.client("download", "/hello.txt", "-");
        ok(stdout);
        assertThat(stdout.out()).isEqualTo("hello, standard output\n");
        assertThat(cluster.dir.resolve("-")).doesNotExist();
    }

    @Test
    void aDownloadGoesOnWhenADataServerFreezesMidRead() throws Exception {
        ok(cluster.client("upload", "-f", "--block-size", "1m", v1.toString(), "/frozen.bin"));
        Process ds = cluster.dataServers.get(0);
        Path got = cluster.dir.resolve("frozen-got.bin");
        Process download = cluster.startClient("frozen-download", "download", "-f", "--limit", "12m", "/frozen.bin",
                got.toString());
        awaitUnderWay(got);
        // SIGSTOP: the server's kernel still holds its connections open, the server answers nothing
        assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(ds.pid())).start().waitFor()).isZero();
        long t0 = System.nanoTime();
        try {
            ProcessCluster.Result r = cluster.result("frozen-download", download);
            System.out.printf("download with a frozen data server: exit %d, %d ms after the freeze%n", r.exit(),
                    (System.nanoTime() - t0) / 1_000_000);
            ok(r);
            assertThat(ProcessCluster.sha256(got)).isEqualTo(sha1);
        } finally {
            new ProcessBuilder("kill", "-CONT", Long.toString(ds.pid())).start().waitFor();
        }
    }

    @Test
    void aClientAtTheWebPortFailsAtOnceSayingSo() throws Exception {
        String web = "127.0.0.1:" + cluster.webPort;
        ProcessCluster.Result r = cluster.run("client", "list", "--nameserver", web);
        assertThat(r.exit()).isNotZero();
        assertThat(r.err().strip()).contains(web + " answered HTTP: that is a web port").doesNotContain("\n")
                .doesNotContain("Exception");
    }

    @Test
    void namesWithControlCharactersAreRefused() throws Exception {
        ProcessCluster.Result r = cluster.client("mkdir", "/bad\nname");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("control character 0x0a");
        assertThat(cluster.client("list", "/").out()).doesNotContain("bad");
    }
}
