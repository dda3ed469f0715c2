package io.jdfs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** Runs N tasks at once, released together, and times them from the release to the last one's end. */
final class Parallel {
    interface Task {
        void run(int index) throws Exception;
    }

    private Parallel() {
    }

    /** Seconds from the common start to the end of the slowest task; the first failure is rethrown. */
    static double timed(int n, Task task) throws Exception {
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            Thread t = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    task.run(index);
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        ready.await();
        long t0 = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double s = Context.seconds(t0);
        if (failure.get() != null) {
            throw failure.get();
        }
        return s;
    }

    /** The first and one-past-last index of part {@code i} of {@code total} items split over {@code n}. */
    static int[] slice(int total, int n, int i) {
        int base = total / n;
        int extra = total % n;
        int from = i * base + Math.min(i, extra);
        return new int[]{from, from + base + (i < extra ? 1 : 0)};
    }
}
