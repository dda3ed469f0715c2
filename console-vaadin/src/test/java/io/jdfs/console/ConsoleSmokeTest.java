package io.jdfs.console;

import io.jdfs.local.LocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleSmokeTest {
    @Test
    void dashboard(@TempDir Path dir) throws Exception {
        try (LocalCluster c = LocalCluster.forTests(dir, 3);
             ConsoleServer console = ConsoleServer.start("127.0.0.1", 0, c.nameServerAddress());
             Browser b = new Browser("http://127.0.0.1:" + console.port() + "/")) {
            long t0 = System.nanoTime();
            b.open("");
            System.out.println("first page " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            b.until(d -> b.text("dash-live").equals("3"));
            b.screenshot("smoke-dashboard");
            b.open("servers");
            b.until(d -> b.gridRows("servers-grid").size() == 3);
            System.out.println(b.gridRows("servers-grid"));
            b.screenshot("smoke-servers");
        }
    }
}
