package io.jdfs.fuse;

import io.jdfs.client.DfsClient;
import io.jdfs.local.LocalCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The gateway as its own process: SIGTERM unmounts cleanly; SIGKILL leaves no stale mount (auto_unmount). */
class GatewayProcessTest {
    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static DfsClient client;
    Process gateway;
    Path mnt;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.forTests(dir.resolve("cluster"), 2);
        client = cluster.newClient();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (gateway != null && gateway.isAlive()) {
            gateway.destroyForcibly().waitFor();
        }
        if (mnt != null && Mounter.isMounted(mnt)) {
            new ProcessBuilder("fusermount", "-u", "-z", mnt.toString()).start().waitFor();
        }
    }

    private void startGateway(String name) throws Exception {
        mnt = Files.createDirectories(dir.resolve(name));
        gateway = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MountMain.class.getName(),
                cluster.nameServerAddress(), mnt.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the gateway process mounted").isEqualTo("MOUNTED");
        assertThat(Mounter.isMounted(mnt)).isTrue();
    }

    @Test
    void sigtermCommitsAndUnmounts() throws Exception {
        startGateway("term");
        Files.writeString(mnt.resolve("kept.txt"), "kept\n");
        // a writer that still holds its file open when the gateway stops
        Process writer = new ProcessBuilder("bash", "-c", "exec 3>open.txt; printf 'not closed yet' >&3; echo ready; sleep 60")
                .directory(mnt.toFile()).start();
        try {
            assertThat(new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))
                    .readLine()).isEqualTo("ready");
            gateway.destroy(); // SIGTERM
            gateway.waitFor();
            assertThat(Mounter.isMounted(mnt)).isFalse();
        } finally {
            writer.destroyForcibly().waitFor();
        }
        assertThat(client.stat("/kept.txt").length()).isEqualTo(5);
        try (var in = client.open("/open.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("not closed yet");
        }
    }

    @Test
    void sigkillLeavesNoStaleMount() throws Exception {
        startGateway("kill");
        gateway.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        await().atMost(Duration.ofSeconds(20)).until(() -> !Mounter.isMounted(mnt));
        assertThat(Files.list(mnt)).as("the mount point is usable again").isEmpty();
    }
}
