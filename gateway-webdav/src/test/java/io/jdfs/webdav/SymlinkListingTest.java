package io.jdfs.webdav;

import io.jdfs.client.DfsOutputStream;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A symbolic link is served as what it points to (GET follows it), so a directory listing must describe it
 * the same way: rclone copied a listed link's own size (5 bytes) and then refused the GET's 1027 as
 * "corrupted on transfer: sizes differ".
 */
@WithWebDavGateway
class SymlinkListingTest {
    static GatewayFixture f;

    @Test
    void aListingDescribesALinkAsItsTargetAsDepthZeroAndGetDo() throws Exception {
        f.client.mkdirs("/s/sub");
        try (DfsOutputStream out = f.client.create("/s/file.txt")) {
            out.write("0123456789".getBytes(StandardCharsets.UTF_8));
        }
        f.client.symlink("file.txt", "/s/link");
        f.client.symlink("/s/sub", "/s/dirlink");
        f.client.symlink("nowhere", "/s/dangling");

        HttpResponse<String> get = f.send("GET", "/s/link");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("0123456789");
        String one = f.send("PROPFIND", "/s/link", null, Map.of("Depth", "0")).body();
        String listing = f.send("PROPFIND", "/s/", null, Map.of("Depth", "1")).body();

        String listed = response(listing, "/s/link");
        assertThat(prop(listed, "getcontentlength")).isEqualTo("10").isEqualTo(prop(one, "getcontentlength"));
        assertThat(prop(listed, "getetag")).isEqualTo(prop(one, "getetag"));
        assertThat(response(listing, "/s/dirlink/")).contains("<D:collection/>");
        // GET of a dangling link answers 404: the listing leaves it out rather than promise a file
        assertThat(f.send("GET", "/s/dangling").statusCode()).isEqualTo(404);
        assertThat(listing).doesNotContain("<D:href>/s/dangling");
        assertThat(response(listing, "/s/file.txt")).contains("<D:getcontentlength>10<");
    }

    @Test
    void aLoopingLinkIsLeftOutWithoutBreakingTheListing() throws Exception {
        f.client.mkdirs("/loop");
        f.client.symlink("self", "/loop/self");
        try (DfsOutputStream out = f.client.create("/loop/kept.txt")) {
            out.write('x');
        }
        HttpResponse<String> listing = f.send("PROPFIND", "/loop/", null, Map.of("Depth", "1"));
        assertThat(listing.statusCode()).isEqualTo(207);
        assertThat(listing.body()).endsWith("</D:multistatus>\n").doesNotContain("<D:href>/loop/self");
        assertThat(response(listing.body(), "/loop/kept.txt")).contains("<D:getcontentlength>1<");
    }

    private static String response(String multistatus, String href) {
        Matcher m = Pattern.compile("<D:response><D:href>" + Pattern.quote(href) + "</D:href>.*?</D:response>")
                .matcher(multistatus);
        assertThat(m.find()).as("a response for %s in %s", href, multistatus).isTrue();
        return m.group();
    }

    private static String prop(String response, String name) {
        Matcher m = Pattern.compile("<D:" + name + ">(.*?)</D:" + name + ">").matcher(response);
        assertThat(m.find()).as("%s in %s", name, response).isTrue();
        return m.group(1);
    }
}
