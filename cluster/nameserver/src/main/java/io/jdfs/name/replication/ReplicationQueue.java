package io.jdfs.name.replication;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Blocks that need more replicas, by urgency: level 0 (one replica left) before level 1 (some
 * missing), first in first out within a level. A block is in at most one level. Not thread-safe:
 * the {@link ReplicationMonitor} guards it.
 */
final class ReplicationQueue {
    static final int LEVELS = 2;

    private final List<LinkedHashSet<Long>> levels = new ArrayList<>(LEVELS);

    ReplicationQueue() {
        for (int i = 0; i < LEVELS; i++) {
            levels.add(new LinkedHashSet<>());
        }
    }

    /** Adds or moves a block to {@code level}; a negative level removes it. */
    void put(long blockId, int level) {
        for (int i = 0; i < LEVELS; i++) {
            if (i != level) {
                levels.get(i).remove(blockId);
            }
        }
        if (level >= 0) {
            levels.get(Math.min(level, LEVELS - 1)).add(blockId);
        }
    }

    void remove(long blockId) {
        put(blockId, -1);
    }

    boolean contains(long blockId) {
        for (LinkedHashSet<Long> l : levels) {
            if (l.contains(blockId)) {
                return true;
            }
        }
        return false;
    }

    int size() {
        int n = 0;
        for (LinkedHashSet<Long> l : levels) {
            n += l.size();
        }
        return n;
    }

    /** Up to {@code max} block ids, most urgent first (a snapshot: the caller may change the queue). */
    List<Long> head(int max) {
        List<Long> out = new ArrayList<>(Math.min(max, size()));
        for (LinkedHashSet<Long> l : levels) {
            for (Long id : l) {
                if (out.size() >= max) {
                    return out;
                }
                out.add(id);
            }
        }
        return out;
    }
}
