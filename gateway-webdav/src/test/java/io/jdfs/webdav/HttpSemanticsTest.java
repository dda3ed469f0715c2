package io.jdfs.webdav;

import io.jdfs.client.DfsOutputStream;
import io.jdfs.protocol.FileStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Status codes, ranges, conditionals, names and bad input, over java.net.http against a real cluster. */
@WithWebDavGateway
class HttpSemanticsTest {
    static GatewayFixture f;
    static final AtomicInteger seq = new AtomicInteger();

    static String fresh() throws Exception {
        String d = "/t" + seq.incrementAndGet();
        f.client.mkdirs(d);
        return d;
    }

    static void write(String path, String content) throws Exception {
        try (DfsOutputStream out = f.client.create(path)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void optionsAdvertisesClassTwo() throws Exception {
        HttpResponse<String> r = f.send("OPTIONS", "/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("DAV")).hasValue("1, 2");
        assertThat(r.headers().firstValue("MS-Author-Via")).hasValue("DAV");
        assertThat(r.headers().firstValue("Allow").orElse("")).contains("LOCK", "PROPFIND", "MOVE");
    }

    @Test
    void putCreatesThenReplaces() throws Exception {
        String d = fresh();
        assertThat(f.send("PUT", d + "/a.txt", "one", Map.of()).statusCode()).isEqualTo(201);
        assertThat(f.send("PUT", d + "/a.txt", "second", Map.of()).statusCode()).isEqualTo(204);
        HttpResponse<String> get = f.send("GET", d + "/a.txt");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("second");
        assertThat(get.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(f.send("PUT", d + "/missing/a.txt", "x", Map.of()).statusCode()).isEqualTo(409);
        assertThat(f.send("PUT", d, "x", Map.of()).statusCode()).isEqualTo(405);
    }

    @Test
    void ranges() throws Exception {
        String d = fresh();
        write(d + "/r.bin", "0123456789");
        HttpResponse<String> single = f.send("GET", d + "/r.bin", null, Map.of("Range", "bytes=2-4"));
        assertThat(single.statusCode()).isEqualTo(206);
        assertThat(single.body()).isEqualTo("234");
        assertThat(single.headers().firstValue("Content-Range")).hasValue("bytes 2-4/10");
        HttpResponse<String> suffix = f.send("GET", d + "/r.bin", null, Map.of("Range", "bytes=-3"));
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.body()).isEqualTo("789");
        assertThat(suffix.headers().firstValue("Content-Range")).hasValue("bytes 7-9/10");
        HttpResponse<String> open = f.send("GET", d + "/r.bin", null, Map.of("Range", "bytes=8-"));
        assertThat(open.body()).isEqualTo("89");
        HttpResponse<String> multi = f.send("GET", d + "/r.bin", null, Map.of("Range", "bytes=0-1,5-6"));
        assertThat(multi.statusCode()).isEqualTo(206);
        assertThat(multi.headers().firstValue("Content-Type").orElse("")).startsWith("multipart/byteranges; boundary=");
        assertThat(multi.body()).contains("Content-Range: bytes 0-1/10\r\n\r\n01\r\n")
                .contains("Content-Range: bytes 5-6/10\r\n\r\n56\r\n");
        HttpResponse<String> bad = f.send("GET", d + "/r.bin", null, Map.of("Range", "bytes=20-30"));
        assertThat(bad.statusCode()).isEqualTo(416);
        assertThat(bad.headers().firstValue("Content-Range")).hasValue("bytes */10");
        String etag = single.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> stale = f.send("GET", d + "/r.bin", null, Map.of("Range", "bytes=0-0", "If-Range", "\"other\""));
        assertThat(stale.statusCode()).isEqualTo(200);
        HttpResponse<String> fresh = f.send("GET", d + "/r.bin", null, Map.of("Range", "bytes=0-0", "If-Range", etag));
        assertThat(fresh.statusCode()).isEqualTo(206);
    }

    @Test
    void conditionals() throws Exception {
        String d = fresh();
        write(d + "/c.txt", "content");
        HttpResponse<String> get = f.send("GET", d + "/c.txt");
        String etag = get.headers().firstValue("ETag").orElseThrow();
        String lastModified = get.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(f.send("GET", d + "/c.txt", null, Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);
        assertThat(f.send("GET", d + "/c.txt", null, Map.of("If-Modified-Since", lastModified)).statusCode()).isEqualTo(304);
        assertThat(f.send("GET", d + "/c.txt", null, Map.of("If-Match", "\"nope\"")).statusCode()).isEqualTo(412);
        assertThat(f.send("PUT", d + "/c.txt", "x", Map.of("If-Match", "\"nope\"")).statusCode()).isEqualTo(412);
        assertThat(f.send("PUT", d + "/c.txt", "x", Map.of("If-None-Match", "*")).statusCode()).isEqualTo(412);
        assertThat(f.send("PUT", d + "/new.txt", "x", Map.of("If-None-Match", "*")).statusCode()).isEqualTo(201);
        assertThat(f.send("PUT", d + "/c.txt", "changed", Map.of("If-Match", etag)).statusCode()).isEqualTo(204);
        assertThat(f.send("GET", d + "/c.txt", null, Map.of("If-None-Match", etag)).statusCode()).isEqualTo(200);
        HttpResponse<String> head = f.send("HEAD", d + "/c.txt");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue("7");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void collections() throws Exception {
        String d = fresh();
        assertThat(f.send("MKCOL", d + "/sub").statusCode()).isEqualTo(201);
        assertThat(f.send("MKCOL", d + "/sub").statusCode()).isEqualTo(405);
        assertThat(f.send("MKCOL", d + "/no/such").statusCode()).isEqualTo(409);
        assertThat(f.send("MKCOL", d + "/body", "<x/>", Map.of("Content-Type", "text/xml")).statusCode()).isEqualTo(415);
        write(d + "/sub/f", "x");
        assertThat(f.send("DELETE", d + "/sub").statusCode()).isEqualTo(204);
        assertThat(f.client.exists(d + "/sub")).isFalse();
        assertThat(f.send("DELETE", d + "/sub").statusCode()).isEqualTo(404);
    }

    @Test
    void copyAndMove() throws Exception {
        String d = fresh();
        write(d + "/src.txt", "payload");
        String dest = f.url(d + "/dst.txt");
        assertThat(f.send("COPY", d + "/src.txt", null, Map.of("Destination", dest)).statusCode()).isEqualTo(201);
        assertThat(f.send("COPY", d + "/src.txt", null, Map.of("Destination", dest, "Overwrite", "F")).statusCode()).isEqualTo(412);
        assertThat(f.send("COPY", d + "/src.txt", null, Map.of("Destination", dest, "Overwrite", "T")).statusCode()).isEqualTo(204);
        assertThat(f.send("COPY", d + "/src.txt", null, Map.of("Destination", f.url(d + "/none/x"))).statusCode()).isEqualTo(409);
        assertThat(f.send("MOVE", d + "/src.txt", null, Map.of("Destination", f.url(d + "/moved.txt"))).statusCode()).isEqualTo(201);
        assertThat(f.client.exists(d + "/src.txt")).isFalse();
        assertThat(f.send("GET", d + "/moved.txt").body()).isEqualTo("payload");
        assertThat(f.send("MOVE", d + "/moved.txt", null, Map.of("Destination", dest)).statusCode()).isEqualTo(204);
        assertThat(f.send("MOVE", d + "/dst.txt", null, Map.of("Destination", "http://elsewhere.example" + d + "/x")).statusCode())
                .isEqualTo(502);
        // a tree, depth 0 and infinity
        f.client.mkdirs(d + "/tree/inner");
        write(d + "/tree/inner/leaf", "leaf");
        assertThat(f.send("COPY", d + "/tree", null, Map.of("Destination", f.url(d + "/deep"))).statusCode()).isEqualTo(201);
        assertThat(f.send("GET", d + "/deep/inner/leaf").body()).isEqualTo("leaf");
        assertThat(f.send("COPY", d + "/tree", null, Map.of("Destination", f.url(d + "/shallow"), "Depth", "0")).statusCode())
                .isEqualTo(201);
        assertThat(f.client.list(d + "/shallow")).isEmpty();
        assertThat(f.send("COPY", d + "/tree", null, Map.of("Destination", f.url(d + "/tree/inner/x"))).statusCode()).isEqualTo(403);
    }

    @Test
    void propfindDepthsAndQuota() throws Exception {
        String d = fresh();
        write(d + "/one", "1");
        f.client.mkdirs(d + "/two");
        HttpResponse<String> infinity = f.send("PROPFIND", d, null, Map.of("Depth", "infinity"));
        assertThat(infinity.statusCode()).isEqualTo(403);
        assertThat(infinity.body()).contains("propfind-finite-depth");
        HttpResponse<String> one = f.send("PROPFIND", d, null, Map.of("Depth", "1"));
        assertThat(one.statusCode()).isEqualTo(207);
        assertThat(one.body()).contains("<D:href>" + d + "/</D:href>", "<D:href>" + d + "/one</D:href>",
                "<D:href>" + d + "/two/</D:href>", "<D:getcontentlength>1</D:getcontentlength>", "<D:collection/>");
        String quota = "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop><D:quota-available-bytes/>"
                + "<D:quota-used-bytes/><D:nosuch/></D:prop></D:propfind>";
        HttpResponse<String> q = f.send("PROPFIND", d, quota, Map.of("Depth", "0", "Content-Type", "application/xml"));
        assertThat(q.statusCode()).isEqualTo(207);
        assertThat(q.body()).containsPattern("<D:quota-available-bytes>[1-9][0-9]*</D:quota-available-bytes>")
                .containsPattern("<D:quota-used-bytes>[0-9]+</D:quota-used-bytes>")
                .contains("<D:nosuch/></D:prop><D:status>HTTP/1.1 404 Not Found");
        assertThat(f.send("PROPFIND", d + "/absent", null, Map.of("Depth", "0")).statusCode()).isEqualTo(404);
    }

    @Test
    void proppatchKeepsDeadPropertiesAndMapsWindowsMtime() throws Exception {
        String d = fresh();
        write(d + "/p.txt", "x");
        String patch = "<?xml version=\"1.0\"?><D:propertyupdate xmlns:D=\"DAV:\" xmlns:Z=\"urn:schemas-microsoft-com:\">"
                + "<D:set><D:prop><Z:Win32LastModifiedTime>Wed, 01 Jan 2020 10:00:00 GMT</Z:Win32LastModifiedTime>"
                + "<Z:Win32FileAttributes>00000020</Z:Win32FileAttributes></D:prop></D:set></D:propertyupdate>";
        HttpResponse<String> r = f.send("PROPPATCH", d + "/p.txt", patch, Map.of("Content-Type", "application/xml"));
        assertThat(r.statusCode()).isEqualTo(207);
        assertThat(r.body()).contains("200 OK").doesNotContain("403");
        FileStatus st = f.client.stat(d + "/p.txt");
        assertThat(st.mtimeNanos() / 1_000_000_000L).isEqualTo(1577872800L);
        String protectedPatch = "<?xml version=\"1.0\"?><D:propertyupdate xmlns:D=\"DAV:\"><D:set><D:prop>"
                + "<D:getetag>x</D:getetag><D:other>y</D:other></D:prop></D:set></D:propertyupdate>";
        HttpResponse<String> p = f.send("PROPPATCH", d + "/p.txt", protectedPatch, Map.of());
        assertThat(p.body()).contains("403 Forbidden", "424 Failed Dependency");
    }

    @Test
    void xOcMtimeSetsModificationTime() throws Exception {
        String d = fresh();
        HttpResponse<String> r = f.send("PUT", d + "/m.txt", "m", Map.of("X-OC-Mtime", "1600000000"));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("X-OC-MTime")).hasValue("accepted");
        assertThat(f.client.stat(d + "/m.txt").mtimeNanos()).isEqualTo(1_600_000_000_000_000_000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"with space.txt", "per%cent.txt", "hash#tag.txt", "quest?ion.txt", "plus+sign.txt",
            "ünïcödé-名前.txt", ".DS_Store", "._resource"})
    void oddNamesRoundTrip(String name) throws Exception {
        String d = fresh();
        String raw = d + "/" + DavPath.encode(name).substring(0);
        assertThat(f.send("PUT", raw, name, Map.of()).statusCode()).isEqualTo(201);
        assertThat(f.client.exists(d + "/" + name)).isTrue();
        assertThat(f.send("GET", raw).body()).isEqualTo(name);
        HttpResponse<String> list = f.send("PROPFIND", d, null, Map.of("Depth", "1"));
        assertThat(list.body()).contains("<D:href>" + raw + "</D:href>");
    }

    @Test
    void badInputIsRefusedAndWritesNothing() throws Exception {
        String d = fresh();
        assertThat(f.send("PROPFIND", d, "<not-xml", Map.of("Depth", "0")).statusCode()).isEqualTo(400);
        assertThat(f.send("PROPPATCH", d, "<D:propertyupdate xmlns:D=\"DAV:\">", Map.of()).statusCode()).isEqualTo(400);
        assertThat(f.send("LOCK", d + "/l", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
                Map.of()).statusCode()).isEqualTo(400);
        assertThat(rawStatus("PROPFIND " + d + " HTTP/1.1\r\nDepth: 0\r\nContent-Length: 50000000")).isEqualTo(413);
        HttpResponse<String> partial = f.send("PUT", d + "/part", "abc", Map.of("Content-Range", "bytes 0-2/10"));
        assertThat(partial.statusCode()).isEqualTo(400);
        // files change in place through the API and the mount: the refusal is this gateway's, not the cluster's
        assertThat(partial.body()).contains("a PUT replaces the whole file").doesNotContain("write-once");
        assertThat(f.client.exists(d + "/part")).isFalse();
        assertThat(f.client.exists(d + "/l")).isFalse();
        for (String traversal : new String[]{"/%2e%2e/etc/passwd", d + "/%2E%2E/x", d + "/a%5Cb", d + "/..%2fx"}) {
            assertThat(rawStatus("PUT " + traversal + " HTTP/1.1")).as(traversal).isBetween(400, 499);
        }
        assertThat(f.client.list(d)).isEmpty();
    }

    /** Sends a request line as is (java.net.http normalises some paths). */
    private static int rawStatus(String requestLine) throws Exception {
        try (Socket s = new Socket("127.0.0.1", f.server.port())) {
            String body = requestLine.contains("Content-Length") ? "" : "\r\nContent-Length: 1";
            s.getOutputStream().write((requestLine + body + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\nx")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    @Test
    void chunkedPutIsStreamed() throws Exception {
        String d = fresh();
        byte[] data = new byte[5 * 1024 * 1024 + 7];
        new java.util.Random(1).nextBytes(data);
        HttpRequest req = HttpRequest.newBuilder(URI.create(f.url(d + "/big.bin")))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(data))).build();
        assertThat(f.http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(201);
        HttpResponse<byte[]> back = f.http.send(HttpRequest.newBuilder(URI.create(f.url(d + "/big.bin"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(back.body()).isEqualTo(data);
    }
}
