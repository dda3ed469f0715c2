package io.jdfs.name.namespace;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The mtime a commit gives a file: the writer's last write, within the name server's bounds. */
class MtimeAtCommitTest {
    private static final long CREATED = 1_000;
    private static final long NOW = 5_000;

    @Test
    void theLastWriteBetweenThePreviousMtimeAndTheCommitIsKept() {
        assertThat(Clock.mtimeAtCommit(4_321, CREATED, NOW)).isEqualTo(4_321);
    }

    @Test
    void anOlderClientSendingNothingGetsTheCommitTime() {
        assertThat(Clock.mtimeAtCommit(0, CREATED, NOW)).isEqualTo(NOW);
    }

    @Test
    void aWriterClockBehindNeverTakesTheMtimeBeforeThePreviousOne() {
        assertThat(Clock.mtimeAtCommit(500, CREATED, NOW)).isEqualTo(CREATED);
    }

    @Test
    void aWriterClockAheadNeverTakesTheMtimePastTheCommit() {
        assertThat(Clock.mtimeAtCommit(9_000, CREATED, NOW)).isEqualTo(NOW);
    }

    @Test
    void aPreviousMtimeSetInTheFutureGivesTheCommitTime() {
        assertThat(Clock.mtimeAtCommit(4_321, 8_000, NOW)).isEqualTo(NOW);
    }

    @Test
    void theCtimeIsTheNewMtimeButAlwaysMovesForward() {
        assertThat(Clock.ctimeAfterChange(CREATED, 4_321)).isEqualTo(4_321);
        assertThat(Clock.ctimeAfterChange(4_500, 4_321)).as("a chmod after the write: ctime still moves")
                .isEqualTo(4_501);
    }
}
