package io.jdfs.fuse;

import io.jdfs.client.DfsOutputStream;
import io.jdfs.protocol.FileStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * File times through a real mount, as tools that compare them (vim, make, rsync) need: what fstat
 * shows before close is what stat shows after it, once the kernel's attribute cache has expired.
 */
class FuseTimesTest {
    /** The mount's attribute timeout (the default, 1 s), past which the kernel asks again. */
    private static final Duration ATTR_CACHE = Duration.ofMillis(1500);

    @TempDir
    static Path dir;
    static MountedCluster m;

    @BeforeAll
    static void mount() throws Exception {
        m = MountedCluster.start(dir);
    }

    @AfterAll
    static void unmount() throws Exception {
        if (m != null) {
            m.close();
        }
        assertThat(Mounter.isMounted(dir.resolve("mnt"))).as("no mount left behind").isFalse();
    }

    /** Times as a python process sees them: "mtime_ns ctime_ns" of fstat before close, then of stat after it. */
    private record Seen(long fstatMtime, long fstatCtime) {
    }

    /** Opens {@code name} with {@code flags}, writes, fstats (printed), optionally sets times, closes. */
    private static Seen writeAndFstat(String name, String flags, String afterWrite) throws Exception {
        String out = m.sh("python3 -c \"import os\n"
                + "f = os.open('" + name + "', " + flags + ", 0o644)\n"
                + "os.write(f, b'written through the mount')\n"
                + afterWrite
                + "s = os.fstat(f)\nprint(s.st_mtime_ns, s.st_ctime_ns)\nos.close(f)\"").ok().out().strip();
        String[] t = out.split(" ");
        return new Seen(Long.parseLong(t[0]), Long.parseLong(t[1]));
    }

    /** stat through the mount once the attributes cached at close have expired. */
    private static long[] statThroughMountLater(String name) throws Exception {
        long closed = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).until(() -> System.nanoTime() - closed > ATTR_CACHE.toNanos());
        String out = m.sh("python3 -c \"import os\ns = os.stat('" + name + "')\nprint(s.st_mtime_ns, s.st_ctime_ns)\"")
                .ok().out().strip();
        String[] t = out.split(" ");
        return new long[]{Long.parseLong(t[0]), Long.parseLong(t[1])};
    }

    @Test
    void aNewFileKeepsTheMtimeItsWriterSawBeforeClose() throws Exception {
        Seen before = writeAndFstat("new.txt", "os.O_WRONLY | os.O_CREAT | os.O_TRUNC", "");
        FileStatus committed = m.client.stat("/new.txt");
        assertThat(committed.mtimeNanos()).as("the commit keeps the last write's time").isEqualTo(before.fstatMtime());
        assertThat(committed.ctimeNanos()).isEqualTo(before.fstatCtime());
        assertThat(statThroughMountLater("new.txt")).containsExactly(before.fstatMtime(), before.fstatCtime());
    }

    @Test
    void aFileRewrittenInPlaceKeepsTheMtimeItsWriterSawBeforeClose() throws Exception {
        try (DfsOutputStream out = m.client.create("/old.txt")) {
            out.write("an existing file, rewritten".getBytes(StandardCharsets.UTF_8));
        }
        long original = m.client.stat("/old.txt").mtimeNanos();
        Seen before = writeAndFstat("old.txt", "os.O_RDWR", "");
        assertThat(before.fstatMtime()).as("the write moved the mtime").isGreaterThan(original);
        assertThat(m.client.stat("/old.txt").mtimeNanos()).isEqualTo(before.fstatMtime());
        assertThat(statThroughMountLater("old.txt")).containsExactly(before.fstatMtime(), before.fstatCtime());
    }

    @Test
    void aChmodAfterTheWritesKeepsTheirMtimeAndTheCtimeSeenBeforeClose() throws Exception {
        Seen before = writeAndFstat("chmodded.txt", "os.O_WRONLY | os.O_CREAT", "os.fchmod(f, 0o600)\n");
        FileStatus committed = m.client.stat("/chmodded.txt");
        assertThat(committed.mtimeNanos()).isEqualTo(before.fstatMtime());
        assertThat(committed.ctimeNanos()).as("the chmod came later: ctime after it").isEqualTo(before.fstatCtime())
                .isGreaterThan(before.fstatMtime());
    }

    @Test
    void aWriteNeverShowsAnMtimeBeforeTheFilesOwnAndAFutureOneGivesWayAtTheCommit() throws Exception {
        try (DfsOutputStream out = m.client.create("/future.txt")) {
            out.write("dated in the future".getBytes(StandardCharsets.UTF_8));
        }
        long future = m.client.stat("/future.txt").mtimeNanos() + 3_600_000_000_000L; // touch -d "+1 hour"
        m.client.setTimes("/future.txt", future, future, false);
        Seen before = writeAndFstat("future.txt", "os.O_RDWR", "");
        assertThat(before.fstatMtime()).as("the mount never shows a write before the file's mtime").isGreaterThan(future);
        assertThat(m.client.stat("/future.txt").mtimeNanos()).as("the commit dates the write on the name server's clock")
                .isLessThan(future);
    }

    @Test
    void timesSetAfterTheWritesAndBeforeCloseWin() throws Exception {
        long given = 1_500_000_000_123_456_789L; // touch -d on a file still open for writing
        Seen before = writeAndFstat("touched.txt", "os.O_WRONLY | os.O_CREAT",
                "os.utime(f, ns=(" + given + ", " + given + "))\n");
        assertThat(before.fstatMtime()).isEqualTo(given);
        assertThat(m.client.stat("/touched.txt").mtimeNanos()).as("close does not reset the user's time").isEqualTo(given);
        assertThat(statThroughMountLater("touched.txt")[0]).isEqualTo(given);
    }
}
