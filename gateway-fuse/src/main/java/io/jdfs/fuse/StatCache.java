package io.jdfs.fuse;

import io.jdfs.protocol.FileStatus;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Statuses a directory listing just returned, kept for the attribute timeout so the getattr the
 * kernel sends for each entry right after (ls -l, find, du) costs no extra round trip. It never
 * keeps anything longer than the kernel itself may cache attributes, and every change made through
 * this mount drops the entries it touches.
 */
final class StatCache {
    private record Entry(FileStatus status, long expiresNanos) {
    }

    private final long ttlNanos;
    private final int maxEntries;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    StatCache(double ttlSeconds, int maxEntries) {
        this.ttlNanos = (long) (ttlSeconds * 1e9);
        this.maxEntries = maxEntries;
    }

    void put(FileStatus s) {
        if (ttlNanos <= 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear(); // bounded memory: a huge listing simply stops being cached
        }
        entries.put(s.path(), new Entry(s, System.nanoTime() + ttlNanos));
    }

    /** A status listed less than the timeout ago, or null. */
    FileStatus get(String path) {
        Entry e = entries.get(path);
        if (e == null) {
            return null;
        }
        if (System.nanoTime() - e.expiresNanos() > 0) {
            entries.remove(path, e);
            return null;
        }
        return e.status();
    }

    void invalidate(String path) {
        entries.remove(path);
    }

    /** A directory was renamed or removed: statuses below it are stale. */
    void invalidateAll() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }
}
