package io.jdfs.webdav;

import io.jdfs.client.DfsClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** PROPPATCH's dead properties are extended attributes: they outlive the gateway and move with the file. */
@WithWebDavGateway
class DeadPropertiesTest {
    static GatewayFixture f;

    static final String SET = """
            <?xml version="1.0" encoding="utf-8"?>
            <D:propertyupdate xmlns:D="DAV:" xmlns:Z="http://example.com/ns">
              <D:set><D:prop><Z:author>Ada</Z:author></D:prop></D:set>
            </D:propertyupdate>""";
    static final String FIND = """
            <?xml version="1.0" encoding="utf-8"?>
            <D:propfind xmlns:D="DAV:" xmlns:Z="http://example.com/ns"><D:prop><Z:author/></D:prop></D:propfind>""";

    @Test
    void aDeadPropertyOutlivesTheGatewayAndMovesWithItsFile() throws Exception {
        assertThat(f.send("PUT", "/doc.txt", "hello", Map.of()).statusCode()).isEqualTo(201);
        assertThat(f.send("PROPPATCH", "/doc.txt", SET, Map.of("Content-Type", "application/xml")).statusCode())
                .isEqualTo(207);
        assertThat(f.client.xattrs("/doc.txt")).containsKey("user.dav.{http://example.com/ns}author");

        // a second gateway process would see it too: a fresh gateway on the same cluster
        try (DfsClient other = f.cluster.newClient();
             WebDavServer second = WebDavServer.start("127.0.0.1", 0, other, WebDavOptions.defaults())) {
            assertThat(f.send("MOVE", "/doc.txt", null, Map.of("Destination", f.url("/moved.txt"))).statusCode())
                    .isEqualTo(201);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + second.port() + "/moved.txt"))
                    .method("PROPFIND", HttpRequest.BodyPublishers.ofString(FIND, StandardCharsets.UTF_8))
                    .header("Depth", "0").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(207);
            assertThat(r.body()).contains("Ada").contains("200 OK");
        }
        assertThat(f.send("COPY", "/moved.txt", null, Map.of("Destination", f.url("/copy.txt"))).statusCode())
                .isEqualTo(201);
        assertThat(f.client.xattrs("/copy.txt")).containsKey("user.dav.{http://example.com/ns}author");
    }
}
