package io.jdfs.name.replication;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicationQueueTest {

    @Test
    void mostUrgentBlocksComeFirstAndEachBlockOnce() {
        ReplicationQueue q = new ReplicationQueue();
        q.put(1, 1);
        q.put(2, 0);
        q.put(3, 1);
        q.put(4, 0);
        q.put(1, 0); // lost another replica: moves up
        assertThat(q.head(10)).containsExactly(2L, 4L, 1L, 3L);
        q.put(3, -1);
        assertThat(q.size()).isEqualTo(3);
        assertThat(q.head(2)).containsExactly(2L, 4L);
    }

    @Test
    void pendingCopiesCountPerServerAndExpire() {
        PendingReplications p = new PendingReplications();
        p.add(7, "a", List.of("b", "c"), 100, 1_000);
        assertThat(p.streams("a")).isEqualTo(1);
        assertThat(p.targets(7)).isEqualTo(2);
        assertThat(p.received(7, "b")).isEqualTo(100);
        assertThat(p.received(7, "b")).isEqualTo(-1);
        assertThat(p.streams("b")).isZero();
        assertThat(p.expire(500, null)).isEmpty();
        assertThat(p.expire(2_000, null)).containsExactly(7L);
        assertThat(p.streams("a")).isZero();
        assertThat(p.streams("c")).isZero();
        p.add(8, "a", List.of("b"), 1, Long.MAX_VALUE);
        assertThat(p.expire(0, "b")).containsExactly(8L);
    }
}
