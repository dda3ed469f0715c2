package io.jdfs.name.namespace;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A directory's entries in name order (as a {@code TreeMap<String, INode>} orders them), kept compact:
 * names as UTF-8 byte arrays in sorted chunks of at most {@value #CHUNK} entries, so an entry costs two
 * array slots and its name's bytes instead of a tree node and a String. A chunk that fills splits in two,
 * so an insert moves at most a chunk's slots, however large the directory.
 */
final class Children extends AbstractMap<String, INode> {
    static final int CHUNK = 512;
    private static final Chunk[] NO_CHUNKS = new Chunk[0];

    private Chunk[] chunks = NO_CHUNKS;
    private int chunkCount;
    private int size;
    /** Entries that are directories: a directory's link count without walking its entries. */
    private int directories;

    /** One run of entries in name order; chunks are in order too and none is empty. */
    private static final class Chunk {
        byte[][] names;
        INode[] nodes;
        int size;

        Chunk(int capacity) {
            names = new byte[capacity][];
            nodes = new INode[capacity];
        }
    }

    @Override
    public int size() {
        return size;
    }

    int directories() {
        return directories;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public INode get(Object key) {
        if (!(key instanceof String s) || size == 0) {
            return null;
        }
        byte[] name = s.getBytes(StandardCharsets.UTF_8);
        Chunk c = chunks[chunkFor(name)];
        int i = search(c, name);
        return i >= 0 ? c.nodes[i] : null;
    }

    @Override
    public INode put(String key, INode value) {
        if (value == null) {
            throw new NullPointerException("a directory entry names an inode");
        }
        byte[] name = key.getBytes(StandardCharsets.UTF_8);
        if (size == 0) {
            chunks = new Chunk[]{new Chunk(2)};
            chunkCount = 1;
        }
        int ci = chunkFor(name);
        Chunk c = chunks[ci];
        int i = search(c, name);
        if (value.isDirectory()) {
            directories++;
        }
        if (i >= 0) {
            INode old = c.nodes[i];
            c.nodes[i] = value;
            if (old.isDirectory()) {
                directories--;
            }
            return old;
        }
        int at = -i - 1;
        if (c.size == CHUNK) {
            split(ci);
            if (at > c.size) {
                at -= c.size;
                c = chunks[ci + 1];
            }
        }
        insert(c, at, name, value);
        size++;
        return null;
    }

    @Override
    public INode remove(Object key) {
        if (!(key instanceof String s) || size == 0) {
            return null;
        }
        byte[] name = s.getBytes(StandardCharsets.UTF_8);
        int ci = chunkFor(name);
        Chunk c = chunks[ci];
        int i = search(c, name);
        if (i < 0) {
            return null;
        }
        INode old = c.nodes[i];
        if (old.isDirectory()) {
            directories--;
        }
        System.arraycopy(c.names, i + 1, c.names, i, c.size - i - 1);
        System.arraycopy(c.nodes, i + 1, c.nodes, i, c.size - i - 1);
        c.size--;
        c.names[c.size] = null;
        c.nodes[c.size] = null;
        size--;
        if (size == 0) {
            chunks = NO_CHUNKS;
            chunkCount = 0;
        } else if (c.size == 0) {
            dropChunk(ci);
        } else if (c.size < CHUNK / 4 && ci + 1 < chunkCount && c.size + chunks[ci + 1].size <= CHUNK / 2) {
            merge(ci);
        } else if (c.size < c.names.length / 4 && c.names.length > 2) {
            c.names = Arrays.copyOf(c.names, Math.max(2, c.size * 2));
            c.nodes = Arrays.copyOf(c.nodes, c.names.length);
        }
        return old;
    }

    @Override
    public void clear() {
        chunks = NO_CHUNKS;
        chunkCount = 0;
        size = 0;
        directories = 0;
    }

    /** The entries after {@code startAfter} (exclusive) in name order: a listing's next page. */
    Iterable<Map.Entry<String, INode>> after(String startAfter) {
        return () -> {
            if (size == 0) {
                return new Cursor(0, 0);
            }
            byte[] name = startAfter.getBytes(StandardCharsets.UTF_8);
            int ci = chunkFor(name);
            int i = search(chunks[ci], name);
            return new Cursor(ci, i >= 0 ? i + 1 : -i - 1);
        };
    }

    /** How many entries come after {@code startAfter} (exclusive), without walking them. */
    int countAfter(String startAfter) {
        if (size == 0) {
            return 0;
        }
        byte[] name = startAfter.getBytes(StandardCharsets.UTF_8);
        int ci = chunkFor(name);
        int i = search(chunks[ci], name);
        int before = i >= 0 ? i + 1 : -i - 1;
        for (int c = 0; c < ci; c++) {
            before += chunks[c].size;
        }
        return size - before;
    }

    /** The inodes in name order, without decoding their names. */
    @Override
    public java.util.Collection<INode> values() {
        return new java.util.AbstractCollection<>() {
            @Override
            public Iterator<INode> iterator() {
                Cursor names = new Cursor(0, 0);
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return names.hasNext();
                    }

                    @Override
                    public INode next() {
                        return names.nextNode();
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public Set<Map.Entry<String, INode>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, INode>> iterator() {
                return new Cursor(0, 0);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** Walks entries in order from chunk {@code ci}, slot {@code i}; read-only. */
    private final class Cursor implements Iterator<Map.Entry<String, INode>> {
        private int ci;
        private int i;

        Cursor(int ci, int i) {
            this.ci = ci;
            this.i = i;
            skipExhausted();
        }

        private void skipExhausted() {
            while (ci < chunkCount && i >= chunks[ci].size) {
                ci++;
                i = 0;
            }
        }

        @Override
        public boolean hasNext() {
            return ci < chunkCount;
        }

        @Override
        public Map.Entry<String, INode> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            byte[] name = chunks[ci].names[i];
            return new SimpleImmutableEntry<>(new String(name, StandardCharsets.UTF_8), nextNode());
        }

        INode nextNode() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            INode n = chunks[ci].nodes[i];
            i++;
            skipExhausted();
            return n;
        }
    }

    /** The chunk that holds {@code name} or where it would go: the last whose first name is not above it. */
    private int chunkFor(byte[] name) {
        int lo = 1;
        int hi = chunkCount - 1;
        int found = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(chunks[mid].names[0], name) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** Binary search in a chunk: the index, or (-(insertion point) - 1). Appends in order are checked first. */
    private static int search(Chunk c, byte[] name) {
        int n = c.size;
        if (n > 0) {
            int last = compare(c.names[n - 1], name);
            if (last < 0) {
                return -n - 1;
            }
            if (last == 0) {
                return n - 1;
            }
        }
        int lo = 0;
        int hi = n - 2;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = compare(c.names[mid], name);
            if (cmp < 0) {
                lo = mid + 1;
            } else if (cmp > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    private static void insert(Chunk c, int at, byte[] name, INode node) {
        if (c.size == c.names.length) {
            int cap = Math.min(CHUNK, c.names.length * 2);
            c.names = Arrays.copyOf(c.names, cap);
            c.nodes = Arrays.copyOf(c.nodes, cap);
        }
        System.arraycopy(c.names, at, c.names, at + 1, c.size - at);
        System.arraycopy(c.nodes, at, c.nodes, at + 1, c.size - at);
        c.names[at] = name;
        c.nodes[at] = node;
        c.size++;
    }

    /** Splits full chunk {@code ci} into two halves at ci and ci + 1. */
    private void split(int ci) {
        Chunk c = chunks[ci];
        int half = c.size / 2;
        Chunk right = new Chunk(CHUNK);
        right.size = c.size - half;
        System.arraycopy(c.names, half, right.names, 0, right.size);
        System.arraycopy(c.nodes, half, right.nodes, 0, right.size);
        Arrays.fill(c.names, half, c.size, null);
        Arrays.fill(c.nodes, half, c.size, null);
        c.size = half;
        if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunkCount * 2);
        }
        System.arraycopy(chunks, ci + 1, chunks, ci + 2, chunkCount - ci - 1);
        chunks[ci + 1] = right;
        chunkCount++;
    }

    /** Moves chunk ci + 1's entries to the end of chunk ci and drops ci + 1. */
    private void merge(int ci) {
        Chunk c = chunks[ci];
        Chunk next = chunks[ci + 1];
        int total = c.size + next.size;
        if (c.names.length < total) {
            c.names = Arrays.copyOf(c.names, Math.min(CHUNK, Math.max(total, c.names.length * 2)));
            c.nodes = Arrays.copyOf(c.nodes, c.names.length);
        }
        System.arraycopy(next.names, 0, c.names, c.size, next.size);
        System.arraycopy(next.nodes, 0, c.nodes, c.size, next.size);
        c.size = total;
        dropChunk(ci + 1);
    }

    private void dropChunk(int ci) {
        System.arraycopy(chunks, ci + 1, chunks, ci, chunkCount - ci - 1);
        chunkCount--;
        chunks[chunkCount] = null;
    }

    /**
     * Orders UTF-8 names as {@link String#compareTo} orders the strings (UTF-16 units): bytes compare
     * directly up to the first difference when that is between ASCII bytes, the common case; otherwise
     * the names are decoded (UTF-8 byte order and UTF-16 order differ above U+FFFF).
     */
    static int compare(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        int i = Arrays.mismatch(a, b);
        if (i < 0) {
            return 0;
        }
        if (i == n) {
            return a.length - b.length;
        }
        if (a[i] >= 0 && b[i] >= 0) {
            return a[i] - b[i];
        }
        return new String(a, StandardCharsets.UTF_8).compareTo(new String(b, StandardCharsets.UTF_8));
    }
}
