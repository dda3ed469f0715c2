package io.jdfs.rpc;

import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.SafeModeException;
import io.jdfs.protocol.UnavailableException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    @Test
    void pausesDoubleUpToTheMaximum() {
        RetryPolicy p = RetryPolicy.backoff(100, 2_000);
        List<Long> pauses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            pauses.add(p.delay(i));
        }
        assertThat(pauses).containsExactly(100L, 200L, 400L, 800L, 1_600L, 2_000L, 2_000L);
        assertThat(p.delay(1_000)).isEqualTo(2_000L);
    }

    @Test
    void retriesWhatItIsToldUntilTheLimit() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        List<Long> told = new ArrayList<>();
        RetryPolicy p = RetryPolicy.backoff(1, 4).maxRetries(3);
        assertThatThrownBy(() -> p.run(() -> {
            calls.incrementAndGet();
            throw new UnavailableException("down");
        }, RetryPolicy::retryable, (e, pause) -> told.add(pause))).isInstanceOf(UnavailableException.class);
        assertThat(calls).hasValue(4);
        assertThat(told).containsExactly(1L, 2L, 4L);

        calls.set(0);
        assertThat(p.run(() -> calls.incrementAndGet() < 3 ? fail() : "ok", RetryPolicy::retryable, (e, pause) -> { }))
                .isEqualTo("ok");
        assertThat(calls).hasValue(3);
    }

    private static String fail() throws IOException {
        throw new UnavailableException("not yet");
    }

    @Test
    void aFailureTheClusterDoesNotCallRetryableIsThrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> RetryPolicy.backoff(1, 1).maxRetries(5).run(() -> {
            calls.incrementAndGet();
            throw new DfsException(ErrorCode.PERMISSION_DENIED, "no");
        }, RetryPolicy::retryable, (e, pause) -> { })).isInstanceOf(DfsException.class);
        assertThat(calls).hasValue(1);
        assertThat(RetryPolicy.retryable(new SafeModeException("on"))).isTrue();
        assertThat(RetryPolicy.retryable(new IOException("disk"))).isFalse();
    }

    @Test
    void theTimeLimitEndsRetries() throws IOException {
        RetryPolicy.Attempts a = RetryPolicy.backoff(1, 1).maxElapsed(0).start();
        a.pause();
        a.pause(); // over 0 ms by now
        assertThat(a.mayRetry()).isFalse();
        a.reset();
        assertThat(a.tries()).isEqualTo(1);
    }
}
