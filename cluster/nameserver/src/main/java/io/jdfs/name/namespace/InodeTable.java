package io.jdfs.name.namespace;

import java.util.AbstractCollection;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Inodes by id: an open-addressing table of the inodes themselves (each knows its id), so an entry is one
 * array slot instead of a HashMap node and a boxed Long. Linear probing; removal shifts the run back, so
 * there are no tombstones.
 */
final class InodeTable {
    private static final int MIN_CAPACITY = 16;

    private INode[] slots = new INode[MIN_CAPACITY];
    private int size;

    /** Makes room for {@code expected} inodes at once (loading a checkpoint: no rehash on the way). */
    void ensureCapacity(long expected) {
        long needed = Math.max(MIN_CAPACITY, Long.highestOneBit(Math.max(1, expected * 4 / 3)) << 1);
        if (needed > slots.length && needed <= 1 << 26) { // a damaged count must not allocate gigabytes
            resize((int) needed);
        }
    }

    int size() {
        return size;
    }

    INode get(long id) {
        INode[] t = slots;
        int mask = t.length - 1;
        for (int i = slot(id, mask); ; i = (i + 1) & mask) {
            INode n = t[i];
            if (n == null || n.id == id) {
                return n;
            }
        }
    }

    /** Adds the inode, or replaces the one with its id; returns the one replaced. */
    INode put(INode node) {
        if ((size + 1) * 4L > slots.length * 3L) {
            resize(slots.length * 2);
        }
        INode[] t = slots;
        int mask = t.length - 1;
        for (int i = slot(node.id, mask); ; i = (i + 1) & mask) {
            INode n = t[i];
            if (n == null) {
                t[i] = node;
                size++;
                return null;
            }
            if (n.id == node.id) {
                t[i] = node;
                return n;
            }
        }
    }

    INode remove(long id) {
        INode[] t = slots;
        int mask = t.length - 1;
        int i = slot(id, mask);
        while (t[i] != null && t[i].id != id) {
            i = (i + 1) & mask;
        }
        INode removed = t[i];
        if (removed == null) {
            return null;
        }
        // backward-shift: move later members of the run into the hole when their home allows it
        int hole = i;
        for (int j = (i + 1) & mask; t[j] != null; j = (j + 1) & mask) {
            int home = slot(t[j].id, mask);
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

    /** The inodes in no particular order; read-only. */
    Collection<INode> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<INode> iterator() {
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
                    public INode next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        INode n = slots[i];
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
        INode[] old = slots;
        INode[] t = new INode[capacity];
        int mask = capacity - 1;
        for (INode n : old) {
            if (n != null) {
                int i = slot(n.id, mask);
                while (t[i] != null) {
                    i = (i + 1) & mask;
                }
                t[i] = n;
            }
        }
        slots = t;
    }

    /**
     * Fibonacci hashing: the top bits of id times 2^64 / phi. Ids are mostly sequential, and consecutive
     * ids land evenly spread over the table, so probe runs stay short.
     */
    private static int slot(long id, int mask) {
        return (int) ((id * 0x9E3779B97F4A7C15L) >>> (64 - Integer.bitCount(mask))) & mask;
    }
}
