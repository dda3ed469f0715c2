package io.jdfs.name.namespace;

/**
 * An inode: identity and attributes, apart from any name. Directory entries give it names, so a
 * rename moves an entry and never changes the inode or its id.
 */
public abstract sealed class INode permits INodeDirectory, INodeFile, INodeSymlink, INodeSpecial {
    final long id;
    int mode;
    int uid;
    int gid;
    long mtimeNanos;
    long atimeNanos;
    long ctimeNanos;
    /** Extended attributes by name; null while there are none (most inodes: no cost). */
    java.util.TreeMap<String, byte[]> xattrs;

    INode(long id, int mode, long nowNanos) {
        this.id = id;
        this.mode = mode;
        this.mtimeNanos = nowNanos;
        this.atimeNanos = nowNanos;
        this.ctimeNanos = nowNanos;
    }

    public long id() {
        return id;
    }

    public int mode() {
        return mode;
    }

    public int uid() {
        return uid;
    }

    public int gid() {
        return gid;
    }

    public long mtimeNanos() {
        return mtimeNanos;
    }

    public long atimeNanos() {
        return atimeNanos;
    }

    public long ctimeNanos() {
        return ctimeNanos;
    }

    /** The extended attributes (name to value), empty when there are none. */
    public java.util.SortedMap<String, byte[]> xattrs() {
        return xattrs == null ? java.util.Collections.emptySortedMap() : java.util.Collections.unmodifiableSortedMap(xattrs);
    }

    public boolean isDirectory() {
        return this instanceof INodeDirectory;
    }
}
