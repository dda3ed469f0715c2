package io.jdfs.rpc;

import io.jdfs.protocol.DfsException;

import java.io.InterruptedIOException;
import java.util.function.Predicate;

/**
 * The one retry policy: exponential backoff from {@code firstDelayMillis}, doubling up to {@code maxDelayMillis},
 * for at most {@code maxRetries} retries and {@code maxElapsedMillis} since the first try. What may be retried is
 * the caller's to say; {@link #retryable(Throwable)} is the cluster's answer ({@link io.jdfs.protocol.ErrorCode#retryable()}).
 * Used by the client's name server calls and the data server's registration.
 */
public record RetryPolicy(long firstDelayMillis, long maxDelayMillis, int maxRetries, long maxElapsedMillis) {
    public RetryPolicy {
        if (firstDelayMillis < 1 || maxDelayMillis < firstDelayMillis || maxRetries < 0 || maxElapsedMillis < 0) {
            throw new IllegalArgumentException("bad retry policy: " + firstDelayMillis + ".." + maxDelayMillis + " ms, "
                    + maxRetries + " retries, " + maxElapsedMillis + " ms in all");
        }
    }

    /** Backoff with no limit on retries or time: add one with {@link #maxRetries(int)} or {@link #maxElapsed(long)}. */
    public static RetryPolicy backoff(long firstDelayMillis, long maxDelayMillis) {
        return new RetryPolicy(firstDelayMillis, maxDelayMillis, Integer.MAX_VALUE, Long.MAX_VALUE);
    }

    public RetryPolicy maxRetries(int n) {
        return new RetryPolicy(firstDelayMillis, maxDelayMillis, n, maxElapsedMillis);
    }

    public RetryPolicy maxElapsed(long millis) {
        return new RetryPolicy(firstDelayMillis, maxDelayMillis, maxRetries, millis);
    }

    /** The pause before retry number {@code retry} (0 for the first). */
    public long delay(int retry) {
        long d = firstDelayMillis;
        for (int i = 0; i < retry && d < maxDelayMillis; i++) {
            d <<= 1;
        }
        return Math.min(d, maxDelayMillis);
    }

    /** Whether the cluster says a failure may be retried (by an idempotent call): unavailable, or in safe mode. */
    public static boolean retryable(Throwable e) {
        return e instanceof DfsException d && d.code().retryable();
    }

    /** A fresh count of retries and time, for loops that pace themselves (polls, scheduled reconnects). */
    public Attempts start() {
        return new Attempts();
    }

    /** A call that may fail with {@code E}. */
    public interface Call<T, E extends Exception> {
        T call() throws E;
    }

    /**
     * Runs {@code call}, retrying the failures {@code retryable} accepts while the policy allows, pausing
     * between tries; the last failure is thrown as it was.
     */
    @SuppressWarnings("unchecked")
    public <T, E extends Exception> T run(Call<T, E> call, Predicate<Exception> retryable, RetryListener listener)
            throws E, InterruptedIOException {
        Attempts a = start();
        while (true) {
            try {
                return call.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                if (!retryable.test(e) || !a.mayRetry()) {
                    throw (E) e;
                }
                long pause = a.nextDelay();
                listener.retrying(e, pause);
                sleep(pause);
            }
        }
    }

    /** Told before each pause (to log at DEBUG). */
    public interface RetryListener {
        void retrying(Exception failure, long pauseMillis);
    }

    static void sleep(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    /** The retries made so far under this policy. Not thread-safe. */
    public final class Attempts {
        private int retries;
        private long startNanos = System.nanoTime();

        /** Whether one more try is allowed: retries and time left. */
        public boolean mayRetry() {
            return retries < maxRetries && (System.nanoTime() - startNanos) / 1_000_000 <= maxElapsedMillis;
        }

        /** The pause before the next retry; counts it. */
        public long nextDelay() {
            return delay(retries++);
        }

        /** Waits the pause before the next retry. */
        public void pause() throws InterruptedIOException {
            sleep(nextDelay());
        }

        /** Tries so far, the first included. */
        public int tries() {
            return retries + 1;
        }

        /** Starts over (after a success). */
        public void reset() {
            retries = 0;
            startNanos = System.nanoTime();
        }
    }
}
