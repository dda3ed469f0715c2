package io.jdfs.name.namespace;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A writer whose clock is minutes off still moves a file's mtime with every change (rsync's quick
 * check and make compare it), and no writer can pin the old mtime, whatever time or age it sends.
 */
class MtimeClockSkewTest {
    private static final long S = 1_000_000_000L;
    private static final long SKEW = 300 * S; // the writer's clock 5 minutes behind the name server's

    @Test
    void aWriterFiveMinutesBehindMovesTheMtimeWithEveryCommit() {
        long now = 1_800_000_000L * S;
        long mtime = now - 10 * S; // created 10 s ago, on the name server's clock
        for (int commit = 0; commit < 5; commit++) {
            now += 2 * S;
            long age = S; // written 1 s before the commit, on the writer's monotonic clock
            long stamp = now - age - SKEW; // its wall clock at the write
            long next = Clock.mtimeAtCommit(stamp, age, mtime, now);
            assertThat(next).as("commit %d", commit).isGreaterThan(mtime).isEqualTo(now - age);
            mtime = next;
        }
    }

    @Test
    void aWriterAheadCannotDateTheChangePastTheCommit() {
        long now = 1_800_000_000L * S;
        assertThat(Clock.mtimeAtCommit(now + SKEW, 0, now - 10 * S, now)).isEqualTo(now);
    }

    @Test
    void noTimeOrAgeAWriterSendsPinsTheOldMtime() {
        long now = 1_800_000_000L * S;
        long previous = now - S / 1000;
        long[] stamps = {0, 1, previous, previous - SKEW, Long.MAX_VALUE, Long.MIN_VALUE};
        long[] ages = {0, 1, S, SKEW, 86_400 * S, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        for (long stamp : stamps) {
            for (long age : ages) {
                assertThat(Clock.mtimeAtCommit(stamp, age, previous, now)).as("stamp %d age %d", stamp, age)
                        .isGreaterThan(previous).isLessThanOrEqualTo(now);
            }
        }
    }
}
