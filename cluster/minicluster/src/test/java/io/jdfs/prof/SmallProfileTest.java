package io.jdfs.prof;

import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

class SmallProfileTest {
    @Test
    void profile(@TempDir Path dir) throws Exception {
        Path base = Path.of("/var/tmp/prof-" + System.nanoTime());
        try (LocalCluster c = LocalCluster.forTests(base, 3); DfsClient client = c.newClient()) {
            byte[] data = new byte[4096];
            client.mkdirs("/p");
            for (int i = 0; i < 200; i++) {
                try (DfsOutputStream out = client.create("/p/w" + i)) { out.write(data); }
            }
            int n = 1000;
            long tCreate = 0, tClose = 0, tWrite = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long a = System.nanoTime();
                DfsOutputStream out = client.create("/p/f" + i);
                long b = System.nanoTime();
                out.write(data);
                long c2 = System.nanoTime();
                out.close();
                long d = System.nanoTime();
                tCreate += b - a; tWrite += c2 - b; tClose += d - c2;
            }
            long total = System.nanoTime() - t0;
            System.out.printf("PROF files/s %.0f  per file us: create %d write(addBlock+start) %d close(pipeline+complete) %d%n",
                    n * 1e9 / total, tCreate / n / 1000, tWrite / n / 1000, tClose / n / 1000);
            long d0 = System.nanoTime();
            for (int i = 0; i < n; i++) client.delete("/p/f" + i, false);
            System.out.printf("PROF deletes/s %.0f%n", n * 1e9 / (System.nanoTime() - d0));
            String m = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.nameServer().webPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            m.lines().filter(l -> (l.startsWith("jdfs_rpc_seconds_sum") || l.startsWith("jdfs_rpc_seconds_count") || l.startsWith("jdfs_journal_fsync_seconds_sum") || l.startsWith("jdfs_journal_fsync_seconds_count")) && !l.contains("Heartbeat")).forEach(l -> System.out.println("PROF " + l));
            c.dataServer(0).metrics().scrape().lines().filter(l -> l.startsWith("jdfs_dataserver_transfer_seconds_sum") || l.startsWith("jdfs_dataserver_transfer_seconds_count")).forEach(l -> System.out.println("PROF ds0 " + l));
        }
    }
}
