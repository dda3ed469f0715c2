package io.jdfs.data.transfer;

import io.netty.util.concurrent.EventExecutor;

import java.util.concurrent.RejectedExecutionException;

/**
 * The disk side of one pipeline write: its writer's file writes, syncs and finalization run in order on
 * one disk thread; how many are under way is counted on the transfer's I/O thread (which calls all of this).
 */
final class ReplicaDisk {
    private final EventExecutor disk;
    private int pending;

    ReplicaDisk(EventExecutor disk) {
        this.disk = disk;
    }

    /** No writer task is under way: the I/O thread may touch the writer itself. */
    boolean idle() {
        return pending == 0;
    }

    /** Runs a writer task after those before it; false when the server is stopping. */
    boolean submit(Runnable task) {
        pending++;
        try {
            disk.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            pending--;
            return false;
        }
    }

    /** A submitted task came back. */
    void completed() {
        pending--;
    }

    /** Runs {@code task} after the writer tasks under way: at once when there are none (or when stopping). */
    void afterPending(Runnable task) {
        if (pending == 0) {
            task.run();
            return;
        }
        try {
            disk.execute(task);
        } catch (RejectedExecutionException e) {
            task.run(); // stopping: nothing else writes any more
        }
    }
}
