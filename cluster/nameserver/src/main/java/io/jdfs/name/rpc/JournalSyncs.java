package io.jdfs.name.rpc;

import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * When an answer that changed the namespace waits for the journal on disk, and which thread starts
 * the flush. Answers read in one burst on an I/O thread sync once when the burst ends: requests a
 * client sent together (several deletes in flight on one connection) share one flush, and the I/O
 * thread leads it itself when nobody else is syncing, so the answer goes out with no hand-off to
 * another thread and back (which cost a serial delete as much as the RPC itself). Work that goes on
 * on another thread (a close that waited for block reports) starts its flush from a small pool.
 */
final class JournalSyncs {
    private static final ExecutorService SYNC_STARTER = Executors.newFixedThreadPool(2,
            new DefaultThreadFactory("jdfs-ns-durable", true));

    /** Completes when every record appended so far is on disk; the caller may flush the disk itself. */
    private final Supplier<CompletableFuture<Void>> journalSync;
    private final ThreadLocal<List<CompletableFuture<Void>>> burst = ThreadLocal.withInitial(ArrayList::new);

    JournalSyncs(Supplier<CompletableFuture<Void>> journalSync) {
        this.journalSync = journalSync;
    }

    /** For an in-process call (no I/O thread, no burst): this thread syncs. */
    CompletableFuture<Void> now() {
        return journalSync.get();
    }

    /** For an answer made on an I/O thread: synced with the rest of its read burst ({@link #burstEnded}). */
    CompletableFuture<Void> atBurstEnd() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        burst.get().add(f);
        return f;
    }

    /** For an answer made on another thread, which must not lead a flush itself. */
    CompletableFuture<Void> offLoop() {
        return CompletableFuture.supplyAsync(journalSync, SYNC_STARTER).thenCompose(f -> f);
    }

    /** The I/O thread's read burst ended: one sync for every answer it gathered. */
    void burstEnded() {
        List<CompletableFuture<Void>> waiting = burst.get();
        if (waiting.isEmpty()) {
            return;
        }
        List<CompletableFuture<Void>> these = new ArrayList<>(waiting);
        waiting.clear();
        CompletableFuture<Void> synced;
        try {
            synced = journalSync.get();
        } catch (RuntimeException e) {
            synced = CompletableFuture.failedFuture(e);
        }
        synced.whenComplete((v, e) -> {
            for (CompletableFuture<Void> f : these) {
                if (e == null) {
                    f.complete(null);
                } else {
                    f.completeExceptionally(e);
                }
            }
        });
    }
}
