package io.jdfs.it;

import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsFile;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.client.OpenFlag;
import io.jdfs.local.LocalCluster;
import io.jdfs.local.junit.WithLocalCluster;
import io.jdfs.protocol.FileStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A file's mtime after close is the time of its last write, not of the commit at close (as on a local
 * file system), bounded by the name server, and the journal replays it unchanged. Client and name server
 * share a clock here, so the name server keeps the writer's own stamp exactly (what a mount shows before
 * close); SkewedWriterMtimeTest covers writers whose clock is off.
 */
@WithLocalCluster(dataServers = 2)
class CommitMtimeTest {
    static LocalCluster cluster;
    static DfsClient client;

    private static final byte[] BYTES = "written before a late close".getBytes(StandardCharsets.UTF_8);

    private static long now() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** Lets the wall clock move well past {@code t}, so a close after it is told apart from the write. */
    private static void clockPasses(long t) {
        await().atMost(Duration.ofSeconds(5)).until(() -> now() > t + 50_000_000L);
    }

    @Test
    void aStreamedFileGetsTheTimeOfItsLastWriteNotOfItsClose() throws Exception {
        long beforeWrite;
        long afterWrite;
        long created;
        try (DfsOutputStream out = client.create("/mt/streamed")) {
            created = client.stat("/mt/streamed").mtimeNanos();
            out.write(BYTES, 0, 5);
            beforeWrite = now();
            out.write(BYTES, 5, BYTES.length - 5);
            afterWrite = now();
            clockPasses(afterWrite);
        }
        FileStatus s = client.stat("/mt/streamed");
        assertThat(s.mtimeNanos()).as("the last write's time, within the name server's bounds")
                .isBetween(Math.max(beforeWrite, created), afterWrite);
        assertThat(s.ctimeNanos()).isEqualTo(s.mtimeNanos());
        assertSameAfterRestart("/mt/streamed", s);
    }

    @Test
    void aFileOpenedForWritingGetsTheTimeItShowedBeforeClose() throws Exception {
        long shown;
        long afterWrite;
        client.mkdirs("/mt");
        try (DfsFile f = client.openFile("/mt/posix", EnumSet.of(OpenFlag.CREATE, OpenFlag.WRITE), 0644)) {
            assertThat(f.uncommittedChangeNanos()).as("nothing written yet").isZero();
            f.pwrite(0, BYTES, 0, BYTES.length);
            afterWrite = now();
            shown = f.uncommittedChangeNanos();
            clockPasses(afterWrite);
        }
        assertThat(shown).isPositive().isLessThanOrEqualTo(afterWrite);
        FileStatus s = client.stat("/mt/posix");
        assertThat(s.mtimeNanos()).isEqualTo(shown);

        // changed in place: the rewrite's own last write, after the first one
        long rewritten;
        try (DfsFile f = client.openFile("/mt/posix", EnumSet.of(OpenFlag.READ, OpenFlag.WRITE), 0)) {
            f.pwrite(3, BYTES, 0, 4);
            f.truncate(20);
            rewritten = f.uncommittedChangeNanos();
            f.flush();
            assertThat(f.uncommittedChangeNanos()).as("committed: nothing pending").isZero();
            clockPasses(rewritten);
        }
        FileStatus r = client.stat("/mt/posix");
        assertThat(r.mtimeNanos()).isEqualTo(rewritten).isGreaterThan(s.mtimeNanos());
        assertThat(r.ctimeNanos()).isEqualTo(rewritten);
        assertSameAfterRestart("/mt/posix", r);
    }

    @Test
    void aCloseWithNothingWrittenLeavesTheTimes() throws Exception {
        try (DfsOutputStream out = client.create("/mt/untouched")) {
            out.write(BYTES);
        }
        FileStatus s = client.stat("/mt/untouched");
        try (DfsFile f = client.openFile("/mt/untouched", EnumSet.of(OpenFlag.READ, OpenFlag.WRITE), 0)) {
            clockPasses(s.mtimeNanos());
        }
        FileStatus after = client.stat("/mt/untouched");
        assertThat(after.mtimeNanos()).isEqualTo(s.mtimeNanos());
        assertThat(after.ctimeNanos()).isEqualTo(s.ctimeNanos());
    }

    /** The journal (and a checkpoint) replays the commit's mtime and ctime unchanged. */
    private static void assertSameAfterRestart(String path, FileStatus before) throws Exception {
        cluster.restartNameServer();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.clusterStatus().liveServers() == 2);
        FileStatus replayed = client.stat(path);
        assertThat(replayed.mtimeNanos()).isEqualTo(before.mtimeNanos());
        assertThat(replayed.ctimeNanos()).isEqualTo(before.ctimeNanos());
    }
}
