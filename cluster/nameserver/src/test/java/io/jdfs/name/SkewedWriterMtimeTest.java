package io.jdfs.name;

import io.jdfs.name.namespace.Clock;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.Caller;
import io.jdfs.protocol.ClientRequest;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.IndexedBlock;
import io.jdfs.protocol.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commits through the name server's services from a writer whose clock is 5 minutes behind, or who
 * sends an ancient stamp and an absurd age: every change still moves the mtime forward, dated on the
 * name server's clock, and never past the commit.
 */
class SkewedWriterMtimeTest {
    private static final long BEHIND = 300_000_000_000L;
    private NamespaceServiceFixture fixture;
    private NamespaceService svc;

    @BeforeEach
    void start() throws Exception {
        fixture = new NamespaceServiceFixture("skew", 3, 60_000);
        svc = fixture.svc;
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private FileStatus stat(String path) throws Exception {
        return svc.reads().blockLocations(Caller.ROOT, path, 0, -1).status();
    }

    @Test
    void everyCommitFromALaggingOrLyingWriterMovesTheMtime() throws Exception {
        Reply.CreatedReply c = svc.writes().createWithBlock(Caller.ROOT,
                new ClientRequest.CreateWithBlock("/f", false, 2, 1 << 20, 0644, "w"));
        long created = stat("/f").mtimeNanos();
        List<String> pipeline = c.block().locations().stream().map(DataServerRef::id).toList();
        Block written = new Block(c.block().block().id(), c.block().block().generation(), 10);
        long before = Clock.nowNanos();
        assertThat(svc.writes().complete(new ClientRequest.Complete("/f", c.status().inodeId(), "w", List.of(written),
                List.of(pipeline), Clock.nowNanos() - BEHIND, 1_000))).isTrue();
        long first = stat("/f").mtimeNanos();
        assertThat(first).as("closed by a writer 5 min behind").isGreaterThan(created)
                .isBetween(before - 1_000, Clock.nowNanos());

        long previous = first;
        long[][] sent = {{Clock.nowNanos() - BEHIND, 1_000}, {1, Long.MAX_VALUE}, {1, 0}, {previous, -5}};
        for (long[] s : sent) {
            svc.rewrites().openWrite(Caller.ROOT, "/f", "w2");
            long t0 = Clock.nowNanos();
            assertThat(svc.rewrites().commitWrite(new ClientRequest.CommitWrite("/f", c.status().inodeId(), "w2", 1,
                    List.of(new IndexedBlock(0, Block.hole(10))), true, s[0], s[1]))).isTrue();
            long mtime = stat("/f").mtimeNanos();
            assertThat(mtime).as("stamp %d age %d", s[0], s[1]).isGreaterThan(previous)
                    .isLessThanOrEqualTo(Clock.nowNanos()).isGreaterThanOrEqualTo(Math.min(t0 - 1_000, previous + 1));
            previous = mtime;
        }
    }
}
