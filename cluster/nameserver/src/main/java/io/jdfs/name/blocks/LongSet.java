package io.jdfs.name.blocks;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of longs (block ids), thread-safe by its monitor: an open-addressing table of primitives, so a
 * member costs a slot of 8 bytes instead of a HashMap node and a boxed Long. 0 marks a free slot; the id 0
 * itself is kept in a flag. Linear probing, removal shifts the run back (no tombstones).
 */
final class LongSet {
    private static final int MIN_CAPACITY = 16;

    private long[] slots = new long[MIN_CAPACITY];
    private int size;
    private boolean hasZero;

    synchronized int size() {
        return size + (hasZero ? 1 : 0);
    }

    synchronized boolean contains(long v) {
        if (v == 0) {
            return hasZero;
        }
        long[] t = slots;
        int mask = t.length - 1;
        for (int i = slot(v, mask); t[i] != 0; i = (i + 1) & mask) {
            if (t[i] == v) {
                return true;
            }
        }
        return false;
    }

    /** Adds {@code v}; false when it was there. */
    synchronized boolean add(long v) {
        if (v == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if ((size + 1) * 4L > slots.length * 3L) {
            resize(slots.length * 2);
        }
        long[] t = slots;
        int mask = t.length - 1;
        int i = slot(v, mask);
        for (; t[i] != 0; i = (i + 1) & mask) {
            if (t[i] == v) {
                return false;
            }
        }
        t[i] = v;
        size++;
        return true;
    }

    /** Removes {@code v}; false when it was not there. */
    synchronized boolean remove(long v) {
        if (v == 0) {
            boolean had = hasZero;
            hasZero = false;
            return had;
        }
        long[] t = slots;
        int mask = t.length - 1;
        int i = slot(v, mask);
        while (t[i] != 0 && t[i] != v) {
            i = (i + 1) & mask;
        }
        if (t[i] == 0) {
            return false;
        }
        int hole = i;
        for (int j = (i + 1) & mask; t[j] != 0; j = (j + 1) & mask) {
            int home = slot(t[j], mask);
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                t[hole] = t[j];
                hole = j;
            }
        }
        t[hole] = 0;
        size--;
        if (slots.length > MIN_CAPACITY && size * 8L < slots.length) {
            resize(slots.length / 2);
        }
        return true;
    }

    /** A copy of the members, in no particular order. */
    synchronized List<Long> toList() {
        List<Long> out = new ArrayList<>(size());
        if (hasZero) {
            out.add(0L);
        }
        for (long v : slots) {
            if (v != 0) {
                out.add(v);
            }
        }
        return out;
    }

    private void resize(int capacity) {
        long[] t = new long[capacity];
        int mask = capacity - 1;
        for (long v : slots) {
            if (v != 0) {
                int i = slot(v, mask);
                while (t[i] != 0) {
                    i = (i + 1) & mask;
                }
                t[i] = v;
            }
        }
        slots = t;
    }

    /** Fibonacci hashing: block ids are mostly sequential and land spread over the table. */
    private static int slot(long v, int mask) {
        return (int) ((v * 0x9E3779B97F4A7C15L) >>> (64 - Integer.bitCount(mask))) & mask;
    }
}
