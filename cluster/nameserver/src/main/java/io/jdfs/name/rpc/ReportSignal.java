package io.jdfs.name.rpc;

import java.util.concurrent.CompletableFuture;

/**
 * Tells waiting completes that data servers reported replicas: a close waiting for its last block's
 * report retries the moment one arrives, instead of on a timer.
 */
final class ReportSignal {
    private CompletableFuture<Void> next = new CompletableFuture<>();

    /** Completes at the next report; take it before checking, so a report in between is not missed. */
    synchronized CompletableFuture<Void> next() {
        return next;
    }

    void fire() {
        CompletableFuture<Void> f;
        synchronized (this) {
            f = next;
            next = new CompletableFuture<>();
        }
        f.complete(null);
    }
}
