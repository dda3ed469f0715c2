package io.jdfs.name.namespace;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/** A directory: its entries in name order, so listings page by "names after X". */
public final class INodeDirectory extends INode {
    final Children children = new Children();

    INodeDirectory(long id, int mode, long nowNanos) {
        super(id, mode, nowNanos);
    }

    /** The entries in name order, read-only. */
    public Entries children() {
        return new Entries(null);
    }

    public INode child(String name) {
        return children.get(name);
    }

    public int linkCount() {
        return 2 + children.directories();
    }

    /** A read-only view of the entries (all, or those after a name: a listing's next page). */
    public final class Entries extends AbstractMap<String, INode> {
        private final String after;

        private Entries(String after) {
            this.after = after;
        }

        /** The entries whose names come after {@code name} (exclusive), as {@code TreeMap.tailMap(name, false)}. */
        public Entries tailMap(String name, boolean inclusive) {
            if (inclusive || after != null) {
                throw new UnsupportedOperationException("only entries after a name, once");
            }
            return new Entries(name);
        }

        @Override
        public INode get(Object key) {
            return after == null || (key instanceof String s && s.compareTo(after) > 0) ? children.get(key) : null;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public int size() {
            return after == null ? children.size() : children.countAfter(after);
        }

        @Override
        public boolean isEmpty() {
            return after == null ? children.isEmpty() : !children.after(after).iterator().hasNext();
        }

        @Override
        public Set<Map.Entry<String, INode>> entrySet() {
            return new java.util.AbstractSet<>() {
                @Override
                public java.util.Iterator<Map.Entry<String, INode>> iterator() {
                    return after == null ? children.entrySet().iterator() : children.after(after).iterator();
                }

                @Override
                public int size() {
                    return Entries.this.size();
                }
            };
        }
    }
}
