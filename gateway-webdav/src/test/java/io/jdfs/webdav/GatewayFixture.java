package io.jdfs.webdav;

import io.jdfs.client.DfsClient;
import io.jdfs.local.LocalCluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** One cluster and one gateway for a test class, plus a small HTTP helper: from {@link WithWebDavGateway}, or {@link #start} for other options. */
final class GatewayFixture implements AutoCloseable {
    final LocalCluster cluster;
    final DfsClient client;
    final WebDavServer server;
    final HttpClient http;
    /** Whether closing this stops the cluster too (not when {@link WithWebDavGateway} started the cluster). */
    private final boolean ownsCluster;

    GatewayFixture(LocalCluster cluster, DfsClient client, WebDavServer server, boolean ownsCluster) {
        this.cluster = cluster;
        this.client = client;
        this.server = server;
        this.ownsCluster = ownsCluster;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    static GatewayFixture start(Path dir, WebDavOptions options) throws Exception {
        LocalCluster cluster = LocalCluster.forTests(dir.resolve("cluster"), 2);
        DfsClient client = null;
        try {
            client = cluster.newClient();
            WebDavServer server = WebDavServer.start("127.0.0.1", 0, client, options);
            return new GatewayFixture(cluster, client, server, true);
        } catch (Exception e) {
            if (client != null) {
                client.close();
            }
            cluster.close();
            throw e;
        }
    }

    String url(String rawPath) {
        return "http://127.0.0.1:" + server.port() + rawPath;
    }

    HttpResponse<String> send(String method, String rawPath, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(rawPath)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .timeout(Duration.ofSeconds(60));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> send(String method, String rawPath) throws IOException, InterruptedException {
        return send(method, rawPath, null, Map.of());
    }

    @Override
    public void close() {
        server.close();
        if (ownsCluster) {
            client.close();
            cluster.close();
        }
    }
}
