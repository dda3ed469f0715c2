package io.jdfs.webdav;

import io.jdfs.client.DfsInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real davfs2 mount of the gateway (needs root and the davfs2 package): cp, mv, rm through the
 * kernel, with davfs2's locks on. davfs2 writes back on close and at unmount, so the cluster is
 * checked after the unmount.
 */
@WithWebDavGateway
class DavfsMountTest {
    @TempDir
    static Path dir;
    static GatewayFixture f;

    @Test
    void copyMoveRemoveThroughAMount() throws Exception {
        assumeTrue(Tools.installed("mount.davfs"), "davfs2 is not installed (apt-get install davfs2)");
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting davfs needs root");
        Path conf = dir.resolve("davfs2.conf");
        // buf_size 64: this kernel's FUSE refuses davfs2's default; ask_auth 0: anonymous, no prompt
        Files.writeString(conf, "buf_size 64\nask_auth 0\nuse_locks 1\ncache_size 16\n");
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        Tools.Result mount = Tools.run(List.of("mount", "-t", "davfs", f.url("/"), mnt.toString(), "-o",
                "conf=" + conf + ",uid=0,gid=0"), Map.of(), dir, null, 60);
        assertThat(mount.exit()).as(mount.output()).isZero();
        byte[] big = new byte[2 * 1024 * 1024 + 3];
        new Random(3).nextBytes(big);
        try {
            Path d = Files.createDirectories(mnt.resolve("from davfs"));
            Files.writeString(d.resolve("note.txt"), "written through the kernel\n");
            Path local = dir.resolve("big.bin");
            Files.write(local, big);
            Files.copy(local, d.resolve("big.bin"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(d.resolve("doomed.txt"), "x");
            Files.move(d.resolve("note.txt"), d.resolve("renamed.txt"));
            Files.delete(d.resolve("doomed.txt"));
            assertThat(Files.readString(d.resolve("renamed.txt"), StandardCharsets.UTF_8)).isEqualTo("written through the kernel\n");
        } finally {
            Tools.Result umount = Tools.run(List.of("umount", mnt.toString()), Map.of(), dir, null, 120);
            assertThat(umount.exit()).as(umount.output()).isZero();
        }
        assertThat(f.client.exists("/from davfs/note.txt")).isFalse();
        assertThat(f.client.exists("/from davfs/doomed.txt")).isFalse();
        try (DfsInputStream in = f.client.open("/from davfs/renamed.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("written through the kernel\n");
        }
        try (DfsInputStream in = f.client.open("/from davfs/big.bin")) {
            assertThat(in.readAllBytes()).isEqualTo(big);
        }
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(mnt.toString());
    }
}
