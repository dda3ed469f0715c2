package io.jdfs.name.namespace;

import java.util.NavigableMap;
import java.util.TreeMap;

/** A directory: its entries in name order, so listings page by "names after X". */
public final class INodeDirectory extends INode {
    final NavigableMap<String, INode> children = new TreeMap<>();

    INodeDirectory(long id, int mode, long nowNanos) {
        super(id, mode, nowNanos);
    }

    public NavigableMap<String, INode> children() {
        return java.util.Collections.unmodifiableNavigableMap(children);
    }

    public INode child(String name) {
        return children.get(name);
    }

    public int linkCount() {
        int subdirs = 0;
        for (INode c : children.values()) {
            if (c.isDirectory()) {
                subdirs++;
            }
        }
        return 2 + subdirs;
    }
}
