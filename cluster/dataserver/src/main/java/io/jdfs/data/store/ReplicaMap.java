package io.jdfs.data.store;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A store's replicas by block id, and the bytes they use with those writers have reserved. A replica's
 * bytes leave {@link #used} inside the map's step that removes or replaces it (just before it stops being
 * visible), never after its files or container record are gone (removing them takes a while): used never
 * counts a replica no one can see. Whoever takes a replica out of the map has its bytes given back.
 */
final class ReplicaMap {
    private final Map<Long, Replica> byId = new ConcurrentHashMap<>();
    private final AtomicLong used = new AtomicLong();

    Replica get(long blockId) {
        return byId.get(blockId);
    }

    Collection<Replica> values() {
        return byId.values();
    }

    int size() {
        return byId.size();
    }

    /** Bytes of the replicas in the map plus the bytes reserved by writers. */
    long used() {
        return used.get();
    }

    /** Reserves bytes for a replica being written; returns used with them. */
    long reserve(long bytes) {
        return used.addAndGet(bytes);
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /**
     * Puts a replica whose bytes were reserved by its writer; returns the replica it replaces, whose bytes
     * have left used (its storage is the caller's to remove).
     */
    Replica install(Replica r) {
        Replica[] replaced = new Replica[1];
        byId.compute(r.id(), (id, old) -> {
            if (old != null) {
                used.addAndGet(-old.length());
            }
            replaced[0] = old;
            return r;
        });
        return replaced[0];
    }

    /** As {@link #install}, for a replica found on disk: its bytes count from now. */
    Replica add(Replica r) {
        used.addAndGet(r.length());
        return install(r);
    }

    /** Takes a replica out, its bytes out of used in the same step; null when there was none. */
    Replica remove(long blockId) {
        Replica[] removed = new Replica[1];
        byId.computeIfPresent(blockId, (id, r) -> {
            used.addAndGet(-r.length());
            removed[0] = r;
            return null;
        });
        return removed[0];
    }

    /** Swaps a replica for its copy (the same bytes elsewhere) unless it was removed or replaced meanwhile. */
    boolean replace(Replica old, Replica copy) {
        return byId.replace(old.id(), old, copy);
    }
}
