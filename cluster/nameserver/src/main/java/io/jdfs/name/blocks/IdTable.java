package io.jdfs.name.blocks;

import java.util.AbstractCollection;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.ToLongFunction;

/**
 * Objects by their own long id (inodes, blocks): an open-addressing table of the objects themselves, so
 * an entry is one array slot instead of a HashMap node and a boxed Long. Linear probing; removal shifts
 * the run back, so there are no tombstones. Not thread-safe: callers lock.
 */
public final class IdTable<T> {
    private static final int MIN_CAPACITY = 16;

    private final ToLongFunction<T> idOf;
    private Object[] slots = new Object[MIN_CAPACITY];
    private int size;

    public IdTable(ToLongFunction<T> idOf) {
        this.idOf = idOf;
    }

    /** Makes room for {@code expected} entries at once (loading a checkpoint: no rehash on the way). */
    public void ensureCapacity(long expected) {
        long needed = Math.max(MIN_CAPACITY, Long.highestOneBit(Math.max(1, expected * 4 / 3)) << 1);
        if (needed > slots.length && needed <= 1 << 26) { // a damaged count must not allocate gigabytes
            resize((int) needed);
        }
    }

    public int size() {
        return size;
    }

    public T get(long id) {
        Object[] t = slots;
        int mask = t.length - 1;
        for (int i = slot(id, mask); ; i = (i + 1) & mask) {
            T n = at(t, i);
            if (n == null || idOf.applyAsLong(n) == id) {
                return n;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object[] t, int i) {
        return (T) t[i];
    }

    /** Adds the entry, or replaces the one with its id; returns the one replaced. */
    public T put(T node) {
        if ((size + 1) * 4L > slots.length * 3L) {
            resize(slots.length * 2);
        }
        Object[] t = slots;
        int mask = t.length - 1;
        long id = idOf.applyAsLong(node);
        for (int i = slot(id, mask); ; i = (i + 1) & mask) {
            T n = at(t, i);
            if (n == null) {
                t[i] = node;
                size++;
                return null;
            }
            if (idOf.applyAsLong(n) == id) {
                t[i] = node;
                return n;
            }
        }
    }

    public T remove(long id) {
        Object[] t = slots;
        int mask = t.length - 1;
        int i = slot(id, mask);
        while (t[i] != null && idOf.applyAsLong(at(t, i)) != id) {
            i = (i + 1) & mask;
        }
        T removed = at(t, i);
        if (removed == null) {
            return null;
        }
        // backward-shift: move later members of the run into the hole when their home allows it
        int hole = i;
        for (int j = (i + 1) & mask; t[j] != null; j = (j + 1) & mask) {
            int home = slot(idOf.applyAsLong(at(t, j)), mask);
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                t[hole] = t[j];
                hole = j;
            }
        }
        t[hole] = null;
        size--;
        if (slots.length > MIN_CAPACITY && size * 8L < slots.length) {
            resize(slots.length / 2);
        }
        return removed;
    }

    /** The entries in no particular order; a live view, read-only. */
    public Collection<T> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<T> iterator() {
                return new Iterator<>() {
                    private int i = advance(0);

                    private int advance(int from) {
                        while (from < slots.length && slots[from] == null) {
                            from++;
                        }
                        return from;
                    }

                    @Override
                    public boolean hasNext() {
                        return i < slots.length;
                    }

                    @Override
                    public T next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        T n = at(slots, i);
                        i = advance(i + 1);
                        return n;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private void resize(int capacity) {
        Object[] old = slots;
        Object[] t = new Object[capacity];
        int mask = capacity - 1;
        for (Object n : old) {
            if (n != null) {
                int i = slot(idOf.applyAsLong(cast(n)), mask);
                while (t[i] != null) {
                    i = (i + 1) & mask;
                }
                t[i] = n;
            }
        }
        slots = t;
    }

    @SuppressWarnings("unchecked")
    private T cast(Object o) {
        return (T) o;
    }

    /**
     * Fibonacci hashing: the top bits of id times 2^64 / phi. Ids are mostly sequential, and consecutive
     * ids land evenly spread over the table, so probe runs stay short.
     */
    private static int slot(long id, int mask) {
        return (int) ((id * 0x9E3779B97F4A7C15L) >>> (64 - Integer.bitCount(mask))) & mask;
    }
}
