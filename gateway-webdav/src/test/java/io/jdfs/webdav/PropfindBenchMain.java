package io.jdfs.webdav;

import io.jdfs.client.DfsClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create(args[1] + "bench10k/")).header("Depth", "1")
                .method("PROPFIND", HttpRequest.BodyPublishers.noBody()).build();
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            int entries = r.body().split("<D:response>", -1).length - 1;
            System.out.printf("PROPFIND depth 1: status %d, %d responses, %d bytes, %d ms%n", r.statusCode(), entries,
                    r.body().length(), ms);
        }
    }
}
