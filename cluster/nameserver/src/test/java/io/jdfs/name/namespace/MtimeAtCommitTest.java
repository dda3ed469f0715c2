package io.jdfs.name.namespace;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The mtime a commit gives a file: the writer's last write, dated on the name server's clock, within its bounds. */
class MtimeAtCommitTest {
    private static final long S = 1_000_000_000L;
    private static final long NOW = 1_800_000_000L * S;
    private static final long CREATED = NOW - 60 * S;

    @Test
    void theWriteIsDatedByItsAgeOnTheNameServersClock() {
        assertThat(Clock.mtimeAtCommit(0, 3 * S, CREATED, NOW)).isEqualTo(NOW - 3 * S);
    }

    @Test
    void aWallClockStampThatAgreesWithTheAgeIsKeptExactly() {
        long stamp = NOW - 3 * S + 123_456; // the writer's clock a little off: what its mount showed
        assertThat(Clock.mtimeAtCommit(stamp, 3 * S, CREATED, NOW)).isEqualTo(stamp);
    }

    @Test
    void aWallClockStampThatDisagreesIsIgnored() {
        assertThat(Clock.mtimeAtCommit(NOW - 3 * S - 300 * S, 3 * S, CREATED, NOW)).isEqualTo(NOW - 3 * S);
        assertThat(Clock.mtimeAtCommit(NOW + 300 * S, 3 * S, CREATED, NOW)).isEqualTo(NOW - 3 * S);
    }

    @Test
    void anOlderClientSendingNothingGetsTheCommitTime() {
        assertThat(Clock.mtimeAtCommit(0, 0, CREATED, NOW)).isEqualTo(NOW);
    }

    @Test
    void aNegativeOrAbsurdAgeIsTheCommitTime() {
        assertThat(Clock.mtimeAtCommit(0, -5 * S, CREATED, NOW)).isEqualTo(NOW);
        assertThat(Clock.mtimeAtCommit(0, Long.MAX_VALUE, CREATED, NOW)).isEqualTo(NOW);
        assertThat(Clock.mtimeAtCommit(0, 2 * 86_400 * S, CREATED, NOW)).isEqualTo(NOW);
    }

    @Test
    void aChangeAlwaysMovesTheMtimeForward() {
        assertThat(Clock.mtimeAtCommit(0, 3_600 * S, CREATED, NOW)).as("written before the previous mtime")
                .isEqualTo(CREATED + 1);
        assertThat(Clock.mtimeAtCommit(CREATED, 60 * S, CREATED, NOW)).as("same time as the previous mtime")
                .isEqualTo(CREATED + 1);
    }

    @Test
    void aPreviousMtimeSetInTheFutureGivesTheCommitTime() {
        assertThat(Clock.mtimeAtCommit(0, 3 * S, NOW + 3_600 * S, NOW)).isEqualTo(NOW);
    }

    @Test
    void theCtimeIsTheNewMtimeButAlwaysMovesForward() {
        assertThat(Clock.ctimeAfterChange(CREATED, NOW - S)).isEqualTo(NOW - S);
        assertThat(Clock.ctimeAfterChange(NOW - S / 2, NOW - S)).as("a chmod after the write: ctime still moves")
                .isEqualTo(NOW - S / 2 + 1);
    }
}
