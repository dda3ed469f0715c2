package io.jdfs.webdav;

import io.jdfs.client.DfsInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Real clients against the gateway: a scripted cadaver session, and rclone copy/sync/check both ways. */
@WithWebDavGateway
class ClientToolsTest {
    @TempDir
    static Path dir;
    static GatewayFixture f;

    @Test
    void cadaverSession() throws Exception {
        assumeTrue(Tools.installed("cadaver"), "cadaver is not installed (apt-get install cadaver)");
        Path work = Files.createDirectories(dir.resolve("cadaver"));
        Files.writeString(work.resolve("up.txt"), "local content\n");
        String script = String.join("\n", "mkcol dir", "cd dir", "put up.txt", "copy up.txt copy.txt",
                "move copy.txt moved.txt", "propset up.txt color blue", "propget up.txt color", "lock up.txt",
                "unlock up.txt", "get moved.txt down.txt", "delete up.txt", "ls", "quit", "");
        Tools.Result r = Tools.run(List.of("cadaver", f.url("/")), Map.of("HOME", work.toString()), work, script, 60);
        assertThat(r.output()).doesNotContain("failed").contains("Value of color is: blue")
                .contains("Locking `up.txt': succeeded").contains("Unlocking `up.txt': succeeded");
        assertThat(Files.readString(work.resolve("down.txt"))).isEqualTo("local content\n");
        assertThat(f.client.exists("/dir/up.txt")).isFalse();
        assertThat(f.client.stat("/dir/moved.txt").length()).isEqualTo(14);
    }

    @Test
    void rcloneCopiesATreeUpAndBack() throws Exception {
        assumeTrue(Tools.installed("rclone"), "rclone is not installed (apt-get install rclone)");
        Path src = dir.resolve("rclone-src");
        Path nested = Files.createDirectories(src.resolve("sub dir/ünï cödé"));
        Files.writeString(src.resolve("plain.txt"), "a\n");
        Files.writeString(nested.resolve("per%cent #hash+plus?.txt"), "odd\n");
        Files.writeString(src.resolve("sub dir/.DS_Store"), "mac\n");
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(big);
        Files.write(src.resolve("sub dir/big.bin"), big);
        Files.setLastModifiedTime(src.resolve("plain.txt"), FileTime.from(Instant.parse("2020-01-02T03:04:05Z")));
        Map<String, String> env = Map.of("RCLONE_CONFIG", "/dev/null", "RCLONE_CONFIG_DAV_TYPE", "webdav",
                "RCLONE_CONFIG_DAV_URL", f.url("/"), "RCLONE_CONFIG_DAV_VENDOR", "owncloud");

        assertThat(rclone(env, "copy", src.toString(), "dav:tree").exit()).isZero();
        Tools.Result check = rclone(env, "check", src.toString(), "dav:tree");
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("0 differences found");
        // X-OC-Mtime carried the source's modification time
        assertThat(f.client.stat("/tree/plain.txt").mtimeNanos()).isEqualTo(Instant.parse("2020-01-02T03:04:05Z").getEpochSecond() * 1_000_000_000L);

        Files.delete(src.resolve("plain.txt"));
        Files.writeString(src.resolve("added.txt"), "new\n");
        assertThat(rclone(env, "sync", src.toString(), "dav:tree").exit()).isZero();
        assertThat(f.client.exists("/tree/plain.txt")).isFalse();
        assertThat(f.client.exists("/tree/added.txt")).isTrue();

        Path back = dir.resolve("rclone-back");
        assertThat(rclone(env, "copy", "dav:tree", back.toString()).exit()).isZero();
        assertThat(digests(back)).isEqualTo(digests(src));
        try (DfsInputStream in = f.client.open("/tree/sub dir/big.bin")) {
            assertThat(in.readAllBytes()).isEqualTo(big);
        }
    }

    private static Tools.Result rclone(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("rclone", "--retries", "1", "--low-level-retries", "1"));
        cmd.addAll(List.of(args));
        return Tools.run(cmd, env, dir, null, 120);
    }

    private static Map<String, String> digests(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                try (InputStream in = Files.newInputStream(p)) {
                    md.update(in.readAllBytes());
                }
                out.put(root.relativize(p).toString(), HexFormat.of().formatHex(md.digest()));
            }
        }
        return out;
    }
}
