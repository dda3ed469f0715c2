package io.jdfs.fuse;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** File contents through a real mount: cp both ways, the client on the other side, rewrites of existing files. */
class FuseDataTest {
    static final int MIB = 1 << 20;

    @TempDir
    static Path dir;
    static MountedCluster m;
    static Path local;

    @BeforeAll
    static void mount() throws Exception {
        m = MountedCluster.start(dir);
        local = Files.createDirectories(dir.resolve("local"));
    }

    @AfterAll
    static void unmount() throws Exception {
        if (m != null) {
            m.close();
        }
        assertThat(Mounter.isMounted(dir.resolve("mnt"))).as("no mount left behind").isFalse();
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static String sha(Path p) throws Exception {
        return sha(Files.readAllBytes(p));
    }

    byte[] readWithClient(String path) throws Exception {
        try (InputStream in = m.client.open(path)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4 * MIB - 1, 4 * MIB, 4 * MIB + 1, 10 * MIB})
    void cpInAndOutKeepsEveryByte(int size) throws Exception {
        byte[] data = random(size, size);
        Path src = Files.write(local.resolve("src-" + size), data);
        m.sh(local, "cp src-" + size + " " + m.mnt + "/f-" + size + " && cp " + m.mnt + "/f-" + size + " back-" + size).ok();
        assertThat(sha(local.resolve("back-" + size))).isEqualTo(sha(data));
        assertThat(m.client.stat("/f-" + size).length()).isEqualTo(size);
        assertThat(sha(readWithClient("/f-" + size))).isEqualTo(sha(data));
        String shell = m.sh("sha256sum f-" + size).ok().out();
        assertThat(shell).startsWith(sha(src));
    }

    @Test
    void fileWrittenByTheClientReadsThroughTheMountAndBack() throws Exception {
        byte[] data = random(3 * MIB + 17, 7);
        try (DfsOutputStream out = m.client.create("/from-client.bin", CreateOptions.defaults())) {
            out.write(data);
        }
        assertThat(sha(m.mnt.resolve("from-client.bin"))).isEqualTo(sha(data));

        byte[] other = random(2 * MIB + 5, 8);
        Files.write(m.mnt.resolve("from-mount.bin"), other);
        assertThat(sha(readWithClient("/from-mount.bin"))).isEqualTo(sha(other));
    }

    @Test
    void shellRedirectionOverwritesAndAppends() throws Exception {
        m.sh("printf 'first version, quite long\\n' > note.txt").ok();
        m.sh("printf 'second\\n' > note.txt").ok();
        assertThat(new String(readWithClient("/note.txt"), StandardCharsets.UTF_8)).isEqualTo("second\n");
        m.sh("printf 'third\\n' >> note.txt").ok();
        assertThat(m.sh("cat note.txt").ok().out()).isEqualTo("second\nthird\n");
        assertThat(new String(readWithClient("/note.txt"), StandardCharsets.UTF_8)).isEqualTo("second\nthird\n");
    }

    @Test
    void writesInsideAnExistingFileRewriteIt() throws Exception {
        byte[] data = random(2 * MIB, 11);
        Files.write(m.mnt.resolve("patch.bin"), data);
        // 4 KiB of 0xAB at offset 1 MiB, in place (dd conv=notrunc opens without O_TRUNC)
        m.sh("head -c 4096 /dev/zero | tr '\\0' '\\253' | dd of=patch.bin bs=4096 seek=256 conv=notrunc status=none").ok();
        for (int i = 0; i < 4096; i++) {
            data[MIB + i] = (byte) 0xAB;
        }
        assertThat(sha(readWithClient("/patch.bin"))).isEqualTo(sha(data));
        assertThat(sha(m.mnt.resolve("patch.bin"))).isEqualTo(sha(data));
        assertThat(m.client.list("/")).noneMatch(s -> FusePaths.isTemp(s.name()));
    }

    @Test
    void aSmallWriteInsideALargeFileRewritesOnlyTheBlockItTouches() throws Exception {
        byte[] data = random(12 * MIB, 12);
        Files.write(m.mnt.resolve("large.bin"), data);
        java.util.List<Long> before = m.client.allBlocks("/large.bin").stream().map(b -> b.block().id()).toList();
        m.sh("head -c 4096 /dev/zero | tr '\\0' '\\7' | dd of=large.bin bs=4096 seek=1536 conv=notrunc status=none").ok();
        java.util.Arrays.fill(data, 6 * MIB, 6 * MIB + 4096, (byte) 7);
        assertThat(sha(readWithClient("/large.bin"))).isEqualTo(sha(data));
        java.util.List<Long> after = m.client.allBlocks("/large.bin").stream().map(b -> b.block().id()).toList();
        assertThat(after).hasSameSizeAs(before);
        int changed = 0;
        for (int i = 0; i < before.size(); i++) {
            changed += before.get(i).equals(after.get(i)) ? 0 : 1;
        }
        assertThat(changed).as("copy-on-write: only the block holding the 4 KiB is new").isEqualTo(1);
    }

    @Test
    void aSparseFileTakesNoSpaceForItsHoles() throws Exception {
        m.sh("truncate -s 20M sparse.bin && printf end >> sparse.bin").ok();
        assertThat(m.client.stat("/sparse.bin").length()).isEqualTo(20 * MIB + 3);
        assertThat(m.client.allBlocks("/sparse.bin")).filteredOn(b -> !b.block().isHole()).hasSize(1);
        assertThat(m.sh("tail -c 3 sparse.bin").out()).isEqualTo("end");
    }

    @Test
    void truncateShrinksAndExtends() throws Exception {
        Files.write(m.mnt.resolve("t.bin"), random(100_000, 3));
        m.sh("truncate -s 1000 t.bin").ok();
        assertThat(m.client.stat("/t.bin").length()).isEqualTo(1000);
        m.sh("truncate -s 5000 t.bin").ok();
        byte[] back = readWithClient("/t.bin");
        assertThat(back).hasSize(5000);
        assertThat(java.util.Arrays.copyOfRange(back, 1000, 5000)).containsOnly(0);
        m.sh("truncate -s 0 t.bin").ok();
        assertThat(m.client.stat("/t.bin").length()).isZero();
    }

    @Test
    void aListingDoesNotHideLaterChangesThroughTheMount() throws Exception {
        m.sh("mkdir -p listed && printf 1234 > listed/f && ls -l listed > /dev/null").ok();
        m.sh("printf 5678 >> listed/f").ok();
        assertThat(m.sh("stat -c %s listed/f").ok().out().strip()).isEqualTo("8");
        m.sh("ls -l listed > /dev/null && chmod 640 listed/f").ok();
        assertThat(m.sh("stat -c %a listed/f").ok().out().strip()).isEqualTo("640");
    }

    @Test
    void twoMountsSeeEachOthersFiles() throws Exception {
        Path second = Files.createDirectories(dir.resolve("mnt2"));
        try (FuseGateway g2 = FuseGateway.mount(m.client, second, MountOptions.defaults())) {
            byte[] a = random(MIB + 3, 21);
            Files.write(m.mnt.resolve("from-a.bin"), a);
            assertThat(sha(second.resolve("from-a.bin"))).isEqualTo(sha(a));
            byte[] b = random(MIB + 5, 22);
            Files.write(second.resolve("from-a.bin"), b); // rewritten through the other mount
            // attributes are cached for up to the attribute timeout (1 s): wait for the new size
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> Files.size(m.mnt.resolve("from-a.bin")) == b.length);
            assertThat(sha(m.mnt.resolve("from-a.bin"))).isEqualTo(sha(b));
            m.sh("mkdir seen-by-b").ok();
            assertThat(Files.isDirectory(second.resolve("seen-by-b"))).isTrue();
        }
        assertThat(Mounter.isMounted(second)).isFalse();
    }

    @Test
    void anUnlinkedFileStaysUsableThroughItsOpenHandle() throws Exception {
        String out = m.sh("python3 -c \"import os\n"
                + "f = os.open('gone.bin', os.O_RDWR | os.O_CREAT, 0o644)\n"
                + "os.write(f, b'before ')\nos.unlink('gone.bin')\nos.write(f, b'after')\n"
                + "print(os.pread(f, 100, 0).decode())\nos.close(f)\"").ok().out();
        assertThat(out.strip()).isEqualTo("before after");
        assertThat(m.client.exists("/gone.bin")).isFalse();
        assertThat(m.client.list("/")).noneMatch(s -> s.name().contains("gone"));
    }

    @Test
    void aFileOpenForWritingMovesWithItsDirectory() throws Exception {
        m.sh("python3 -c \"import os\n"
                + "os.mkdir('d1')\nf = os.open('d1/f', os.O_WRONLY | os.O_CREAT, 0o644)\n"
                + "os.write(f, b'one ')\nos.rename('d1', 'd2')\nos.write(f, b'two')\nos.close(f)\"").ok();
        assertThat(new String(readWithClient("/d2/f"), StandardCharsets.UTF_8)).isEqualTo("one two");
        assertThat(m.client.exists("/d1")).isFalse();
    }

    @Test
    void aProcessReadsBackWhatItWroteBeforeClosing() throws Exception {
        // python opens once read-write, writes, seeks back and reads before closing
        String out = m.sh("python3 -c \"import os\n"
                + "f = os.open('rw.bin', os.O_RDWR | os.O_CREAT, 0o644)\n"
                + "os.write(f, b'abcdef')\nos.lseek(f, 2, 0)\nos.write(f, b'XY')\n"
                + "print(os.pread(f, 6, 0).decode())\nos.close(f)\"").ok().out();
        assertThat(out.strip()).isEqualTo("abXYef");
        assertThat(new String(readWithClient("/rw.bin"), StandardCharsets.UTF_8)).isEqualTo("abXYef");
    }

    @Test
    void writesThroughOneHardLinkShowThroughTheOtherBeforeClose() throws Exception {
        // the kernel may keep hl-b's size from the link(2) reply for the attribute timeout: poll past it
        String out = m.sh("python3 -c \"import os, time\n"
                + "open('hl-a', 'w').close()\nos.link('hl-a', 'hl-b')\n"
                + "f = os.open('hl-a', os.O_WRONLY)\nos.write(f, b'through a')\n"
                + "seen = ''\nfor i in range(100):\n"
                + "    seen = open('hl-b', 'rb').read().decode()\n"
                + "    if seen: break\n"
                + "    time.sleep(0.05)\n"
                + "print(seen)\n"
                + "g = os.open('hl-b', os.O_WRONLY)\nos.pwrite(g, b'B', 0)\n"
                + "r = os.open('hl-a', os.O_RDONLY)\nprint(os.pread(r, 100, 0).decode())\n"
                + "os.close(r)\nos.close(g)\nos.close(f)\"").ok().out();
        assertThat(out.lines()).containsExactly("through a", "Bhrough a");
        assertThat(new String(readWithClient("/hl-a"), StandardCharsets.UTF_8)).isEqualTo("Bhrough a");
        assertThat(new String(readWithClient("/hl-b"), StandardCharsets.UTF_8)).isEqualTo("Bhrough a");
    }

    @Test
    void unlinkingOneNameOfAFileOpenForWritingKeepsCommittingThroughTheOther() throws Exception {
        m.sh("python3 -c \"import os\n"
                + "f = os.open('ul-a', os.O_WRONLY | os.O_CREAT, 0o644)\nos.link('ul-a', 'ul-b')\n"
                + "os.write(f, b'one ')\nos.unlink('ul-a')\nos.write(f, b'two')\nos.close(f)\"").ok();
        assertThat(m.client.exists("/ul-a")).isFalse();
        assertThat(new String(readWithClient("/ul-b"), StandardCharsets.UTF_8)).isEqualTo("one two");
    }

    @Test
    void aReReadKeepsNoPagesOfAFileChangedElsewhere() throws Exception {
        // keep_cache may keep the kernel's pages only while the file is unchanged on the name server
        try (DfsOutputStream out = m.client.create("/kc.txt")) {
            out.write("version one".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(m.sh("cat kc.txt").ok().out()).isEqualTo("version one");
        assertThat(m.sh("cat kc.txt").ok().out()).isEqualTo("version one");
        try (DfsOutputStream out = m.client.create("/kc.txt", CreateOptions.defaults().withOverwrite(true))) {
            out.write("version two".getBytes(StandardCharsets.UTF_8)); // same length, other bytes
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> m.sh("cat kc.txt").ok().out().equals("version two"));
    }

    @Test
    void theMountReadsAheadOneMebibyte() throws Exception {
        String kb = m.sh("cat /sys/class/bdi/$(mountpoint -d " + m.mnt + ")/read_ahead_kb").ok().out().strip();
        assertThat(kb).isEqualTo(Integer.toString(Mounter.READ_AHEAD_KB));
    }

    @Test
    void aHardLinkKeepsNoPagesOfWritesMadeThroughItsOtherName() throws Exception {
        // each name has its own kernel inode and page cache: kl-b's cached "one1" must not survive
        m.sh("printf one1 > kl-a && ln kl-a kl-b && cat kl-b > /dev/null && cat kl-b > /dev/null"
                + " && printf two2 | dd of=kl-a conv=notrunc status=none && cat kl-a > /dev/null").ok();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> m.sh("cat kl-b").ok().out().equals("two2"));
    }
}
