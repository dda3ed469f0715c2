package io.jdfs.fuse;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The handles the kernel holds (by the number it passes back in every call) and the write state of
 * each file open for writing, keyed by its inode: every handle on that inode, opened through any of
 * its hard links, shares it and sees the others' bytes before they are committed.
 */
final class OpenFiles {
    /** What a file handle number stands for. */
    sealed interface Handle permits FileHandle, DirHandle {
    }

    /**
     * An open file: {@code inode} is the one it opened; {@code writer} is null when it was opened
     * read-only (it then reads through the inode's write state if another handle writes it).
     */
    record FileHandle(String path, long inode, ReadHandle reader, WriteBack writer, boolean append) implements Handle {
    }

    private final AtomicLong next = new AtomicLong(1);
    private final Map<Long, Handle> handles = new ConcurrentHashMap<>();
    private final Map<Long, WriteBack> writers = new ConcurrentHashMap<>();

    long add(Handle h) {
        long fh = next.getAndIncrement();
        handles.put(fh, h);
        return fh;
    }

    Handle get(long fh) {
        return handles.get(fh);
    }

    Handle remove(long fh) {
        return handles.remove(fh);
    }

    int size() {
        return handles.size();
    }

    /** Whether any file is open for writing (most calls then need not look up their inode). */
    boolean anyWriters() {
        return !writers.isEmpty();
    }

    /** The write state of an inode open for writing, or null. */
    WriteBack writer(long inode) {
        return writers.isEmpty() ? null : writers.get(inode);
    }

    /** The write state of an inode, made by {@code create} when none exists yet; one more handle holds it. */
    synchronized WriteBack retainWriter(long inode, Supplier<WriteBack> create) {
        WriteBack w = writers.get(inode);
        if (w == null) {
            w = create.get();
            writers.put(w.inode(), w); // the inode actually opened (a race may have replaced the name)
        }
        w.retain();
        return w;
    }

    /**
     * create(2) on a name: the write state already open under that name (no second lease), or a new
     * one made by {@code create} and registered under the inode it made.
     */
    synchronized WriteBack retainNamed(String path, Supplier<WriteBack> create) {
        for (WriteBack w : writers.values()) {
            if (w.isNamed(path)) {
                w.retain();
                return w;
            }
        }
        return retainWriter(-1, create);
    }

    /** Drops one handle's hold; true when it was the last one (the write state is then unregistered). */
    synchronized boolean releaseWriter(WriteBack w) {
        if (w.release()) {
            writers.remove(w.inode(), w);
            return true;
        }
        return false;
    }

    /** A path was renamed: files open for writing at or below it carry their new names (for messages and create). */
    synchronized void moved(String from, String to) {
        for (WriteBack w : writers.values()) {
            String p = w.path();
            if (w.isNamed(p) && isAtOrBelow(p, from)) {
                w.moved(to + p.substring(from.length()));
            }
        }
    }

    static boolean isAtOrBelow(String p, String dir) {
        return p.equals(dir) || p.startsWith(dir.equals("/") ? "/" : dir + "/");
    }

    /**
     * A name of {@code inode} goes away (unlink, or replaced by a rename). The last name: the write
     * state stops committing (its handles keep working on the orphan). Another name is left: commits
     * go on by inode, the state just no longer answers to the removed name.
     */
    synchronized void nameRemoved(String path, long inode, boolean lastName) {
        WriteBack w = writers.get(inode);
        if (w == null) {
            return;
        }
        if (lastName) {
            writers.remove(inode, w);
            w.unlinked();
        } else if (w.isNamed(path)) {
            w.moved(null);
        }
    }

    Collection<WriteBack> allWriters() {
        return List.copyOf(new ArrayList<>(writers.values()));
    }
}
