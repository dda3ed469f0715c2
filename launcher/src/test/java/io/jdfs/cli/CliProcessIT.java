package io.jdfs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher as users run it (see {@link ProcessCluster}): a name server and three data servers as
 * separate processes, every client command as its own process.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliProcessIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ProcessCluster cluster;
    private static Path dir;
    private static int nsPort;
    private static int[] dataPorts;
    private static List<Process> dataServers;
    private static Path small;
    private static Path big;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new ProcessCluster("cli", 3);
        dir = cluster.dir;
        nsPort = cluster.nsPort;
        dataPorts = cluster.dataPorts;
        dataServers = cluster.dataServers;
        small = dir.resolve("small.bin");
        big = dir.resolve("big.bin");
        Random random = new Random(42);
        Files.write(small, randomBytes(random, 3 * 1024 * 1024 + 17));
        Files.write(big, randomBytes(random, 9 * 1024 * 1024 + 123)); // three 4 MiB blocks, the last partial
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        cluster.close();
    }

    @Test
    @Order(1)
    void uploadListStatDownload() throws Exception {
        ProcessCluster.Result up = client("upload", big.toString());
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(up.out()).startsWith("uploaded ").contains("-> /big.bin: " + Files.size(big) + " bytes in ")
                .contains("MiB/s");
        assertThat(client("upload", small.toString(), "/data/").exit()).isZero();
        assertThat(client("upload", small.toString(), "/data/copy.bin").exit()).isZero();

        ProcessCluster.Result ls = client("list");
        assertThat(ls.exit()).as(ls.toString()).isZero();
        assertThat(ls.out().lines()).hasSize(2);
        assertThat(ls.out()).containsPattern("file +" + Files.size(big) + " +\\S+ \\S+ +big\\.bin")
                .containsPattern("dir +0 +\\S+ \\S+ +data");
        ProcessCluster.Result lsData = client("list", "-l", "/data");
        assertThat(lsData.out().lines()).hasSize(2);
        assertThat(lsData.out()).contains("copy.bin").contains("small.bin").contains("-rw-r--r--");

        ProcessCluster.Result stat = client("stat", "/big.bin");
        assertThat(stat.exit()).as(stat.toString()).isZero();
        assertThat(stat.out()).contains("size:        " + Files.size(big)).contains("replication: 2")
                .contains("blocks:      3");
        assertThat(stat.out().lines().filter(l -> l.contains("2/2 replicas: 127.0.0.1:"))).hasSize(3);

        Path got = dir.resolve("got-big.bin");
        ProcessCluster.Result down = client("download", "/big.bin", got.toString());
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(down.out()).startsWith("downloaded /big.bin -> ").contains(Files.size(big) + " bytes in ");
        assertThat(sha256(got)).isEqualTo(sha256(big));

        Path into = Files.createDirectories(dir.resolve("into"));
        assertThat(client("download", "/data/small.bin", into.toString()).exit()).isZero();
        assertThat(sha256(into.resolve("small.bin"))).isEqualTo(sha256(small));
    }

    @Test
    @Order(2)
    void errorsAreOneLineAndNonZero() throws Exception {
        ProcessCluster.Result missing = client("download", "/no/such/file", dir.resolve("x").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err().lines()).hasSize(1);
        assertThat(missing.err()).startsWith("dfs: ").contains("/no/such/file").contains("no such file");
        assertThat(dir.resolve("x")).doesNotExist();

        Path existing = dir.resolve("existing.bin");
        Files.writeString(existing, "keep me");
        ProcessCluster.Result clash = client("download", "/big.bin", existing.toString());
        assertThat(clash.exit()).isNotZero();
        assertThat(clash.err().lines()).hasSize(1);
        assertThat(clash.err()).startsWith("dfs: ").contains("already exists");
        assertThat(Files.readString(existing)).isEqualTo("keep me");
        assertThat(client("download", "--force", "/big.bin", existing.toString()).exit()).isZero();
        assertThat(sha256(existing)).isEqualTo(sha256(big));

        ProcessCluster.Result noLocal = client("upload", dir.resolve("does-not-exist.bin").toString());
        assertThat(noLocal.exit()).isNotZero();
        assertThat(noLocal.err()).startsWith("dfs: ").contains("no such local file");
        assertThat(noLocal.err().lines()).hasSize(1);

        ProcessCluster.Result again = client("upload", big.toString());
        assertThat(again.exit()).isNotZero();
        assertThat(again.err()).contains("/big.bin already exists");
        assertThat(client("upload", "--force", small.toString(), "/data/copy.bin").exit()).isZero();

        ProcessCluster.Result notEmpty = client("delete", "/data");
        assertThat(notEmpty.exit()).isNotZero();
        assertThat(notEmpty.err()).contains("-r");
        assertThat(notEmpty.err().lines()).hasSize(1);
    }

    @Test
    @Order(3)
    void mkdirMoveDelete() throws Exception {
        assertThat(client("mkdir", "/a/b/c").out()).isEqualTo("created /a/b/c\n");
        assertThat(client("mv", "/data/copy.bin", "/a/b/").out()).isEqualTo("moved /data/copy.bin -> /a/b/copy.bin\n");
        assertThat(client("mv", "/a/b/copy.bin", "/a/renamed.bin").exit()).isZero();
        ProcessCluster.Result clash = client("mv", "/data/small.bin", "/a/renamed.bin");
        assertThat(clash.exit()).isNotZero();
        assertThat(clash.err()).contains("already exists");
        assertThat(client("mv", "--force", "/data/small.bin", "/a/renamed.bin").exit()).isZero();

        assertThat(client("list", "/a").out()).contains("renamed.bin").contains("b");
        assertThat(client("list", "/data").out()).isEmpty();
        Path back = dir.resolve("renamed.bin");
        assertThat(client("download", "/a/renamed.bin", back.toString()).exit()).isZero();
        assertThat(sha256(back)).isEqualTo(sha256(small));

        assertThat(client("delete", "/data").out()).isEqualTo("deleted /data\n");
        assertThat(client("delete", "-r", "/a").exit()).isZero();
        ProcessCluster.Result gone = client("stat", "/a");
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).startsWith("dfs: ").contains("no such file");
        assertThat(client("list").out().lines()).hasSize(1);
    }

    @Test
    @Order(4)
    void fsckReportsFullReplication() throws Exception {
        ProcessCluster.Result summary = run("fsck", "--nameserver", "127.0.0.1:" + nsPort);
        assertThat(summary.exit()).as(summary.toString()).isZero();
        assertThat(summary.out()).contains("Status: HEALTHY").doesNotContain("blk_");
        ProcessCluster.Result fsck = run("fsck", "-v", "--nameserver", "127.0.0.1:" + nsPort);
        assertThat(fsck.exit()).as(fsck.toString()).isZero();
        assertThat(fsck.out()).contains("/big.bin").contains("Status: HEALTHY").contains("live 2/2");

        ProcessCluster.Result json = run("fsck", "/", "--json", "--nameserver", "127.0.0.1:" + nsPort);
        assertThat(json.exit()).as(json.toString()).isZero();
        JsonNode report = JSON.readTree(json.out());
        assertThat(report.get("status").asText()).isEqualTo("HEALTHY");
        assertThat(report.get("blocks").asInt()).isEqualTo(3);
        assertThat(report.get("fileReports").get(0).get("blocks").get(0).get("liveReplicas").asInt()).isEqualTo(2);
    }

    @Test
    @Order(5)
    void survivesADataServerKilledWithSigkill() throws Exception {
        Process victim = dataServers.get(0);
        victim.destroyForcibly();
        assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Path got = dir.resolve("after-kill.bin");
        ProcessCluster.Result down = client("download", "/big.bin", got.toString());
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(sha256(got)).isEqualTo(sha256(big));

        awaitLiveServers(2, Duration.ofSeconds(30));
        Files.delete(got);
        assertThat(client("download", "/big.bin", got.toString()).exit()).isZero();
        assertThat(sha256(got)).isEqualTo(sha256(big));
        ProcessCluster.Result fsck = run("fsck", "--nameserver", "127.0.0.1:" + nsPort);
        assertThat(fsck.exit()).as("every block keeps a live replica: %s", fsck).isIn(0, 1);
        assertThat(fsck.out()).doesNotContain("MISSING");

        ProcessCluster.Result upload = client("upload", small.toString(), "/after-kill.bin");
        assertThat(upload.exit()).as(upload.toString()).isZero();
    }

    @Test
    @Order(6)
    void adminSafeModeDecommissionEventsAndFormat() throws Exception {
        String ns = "127.0.0.1:" + nsPort;
        ProcessCluster.Result get = run("admin", "safemode", "get", "--nameserver", ns);
        assertThat(get.exit()).as(get.toString()).isZero();
        assertThat(get.out()).contains("safe mode is off");
        assertThat(run("admin", "safemode", "enter", "--nameserver", ns).exit()).isZero();
        ProcessCluster.Result on = run("admin", "safemode", "get", "--nameserver", ns);
        assertThat(on.exit()).as(on.toString()).isEqualTo(3);
        assertThat(on.out()).contains("entered by an operator");
        assertThat(run("admin", "safemode", "leave", "--nameserver", ns).exit()).isZero();
        assertThat(run("admin", "safemode", "get", "--nameserver", ns).exit()).isZero();
        ProcessCluster.Result bad = run("admin", "safemode", "sideways", "--nameserver", ns);
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err().strip()).startsWith("dfs: ").doesNotContain("\n");

        ProcessCluster.Result dec = run("admin", "decommission", "127.0.0.1:" + dataPorts[1], "--nameserver", ns);
        assertThat(dec.exit()).as(dec.toString()).isZero();
        assertThat(dec.out()).contains("DECOMMISSION");
        ProcessCluster.Result rec = run("admin", "recommission", "127.0.0.1:" + dataPorts[1], "--nameserver", ns);
        assertThat(rec.exit()).as(rec.toString()).isZero();
        assertThat(rec.out()).contains("LIVE");
        ProcessCluster.Result unknown = run("admin", "decommission", "127.0.0.1:1", "--nameserver", ns);
        assertThat(unknown.exit()).isEqualTo(1);

        ProcessCluster.Result events = run("admin", "events", "--nameserver", ns);
        assertThat(events.exit()).as(events.toString()).isZero();
        assertThat(events.out()).contains("SERVER_JOINED").contains("SERVER_DEAD").contains("DECOMMISSION");

        Path fresh = dir.resolve("fresh-meta");
        ProcessCluster.Result format = run("nameserver", "--format", "--meta-dir", fresh.toString());
        assertThat(format.exit()).as(format.toString()).isZero();
        assertThat(format.out()).contains("formatted").contains("CID-");
        ProcessCluster.Result again = run("nameserver", "--format", "--meta-dir", fresh.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("already holds a cluster");
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static ProcessCluster.Result client(String... args) throws Exception {
        return cluster.client(args);
    }

    private static ProcessCluster.Result run(String... args) throws Exception {
        return cluster.run(args);
    }

    private static void awaitLiveServers(int expected, Duration timeout) throws Exception {
        cluster.awaitLiveServers(expected, timeout);
    }

    private static String sha256(Path file) throws Exception {
        return ProcessCluster.sha256(file);
    }

    private static byte[] randomBytes(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }
}
