package io.jdfs.webdav;

import io.jdfs.client.DfsClient;

import java.net.URI;

/**
 * Prints how long PROPFIND depth 1 of a 10,000-entry directory takes through a running gateway
 * (not a test: java -cp ... io.jdfs.webdav.PropfindBenchMain NAME_SERVER GATEWAY_URL).
 */
public final class PropfindBenchMain {
    public static void main(String[] args) throws Exception {
        int n = 10_000;
        try (DfsClient c = DfsClient.connect(args[0])) {
            if (!c.exists("/bench10k")) {
                c.mkdirs("/bench10k");
                for (int i = 0; i < n; i++) {
                    c.create("/bench10k/file-" + i).close();
                }
            }
        }
        WebDavBench bench = new WebDavBench();
        for (int round = 0; round < 5; round++) {
            System.out.printf("PROPFIND depth 1 of %d entries: %.0f ms%n", n,
                    bench.propfind(URI.create(args[1] + "bench10k/")) * 1000);
        }
    }
}
