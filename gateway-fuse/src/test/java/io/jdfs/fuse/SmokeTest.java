package io.jdfs.fuse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeTest {
    @TempDir
    static Path dir;
    static MountedCluster m;

    @BeforeAll
    static void mount() throws Exception {
        m = MountedCluster.start(dir);
    }

    @AfterAll
    static void unmount() throws Exception {
        if (m != null) {
            m.close();
        }
    }

    @Test
    void basics() throws Exception {
        System.err.println(m.sh("echo hello > a.txt; cat a.txt; mkdir d; ls -la; stat a.txt; df -h .").ok());
        assertThat(m.client.stat("/a.txt").length()).isEqualTo(6);
    }
}
