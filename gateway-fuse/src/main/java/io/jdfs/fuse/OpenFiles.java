package io.jdfs.fuse;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The handles the kernel holds (by the number it passes back in every call) and the write state of
 * each path open for writing, shared by all handles on that path so they see each other's bytes.
 */
final class OpenFiles {
    /** What a file handle number stands for. */
    sealed interface Handle permits FileHandle, DirHandle {
    }

    /** An open file; {@code writer} is null when it was opened read-only. */
    record FileHandle(String path, ReadHandle reader, WriteBack writer, boolean append) implements Handle {
    }

    private final AtomicLong next = new AtomicLong(1);
    private final Map<Long, Handle> handles = new ConcurrentHashMap<>();
    private final Map<String, WriteBack> writers = new ConcurrentHashMap<>();

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

    /** The write state of a path open for writing, or null. */
    WriteBack writer(String path) {
        return writers.get(path);
    }

    /** The write state of a path, made by {@code create} when none exists yet; one more handle holds it. */
    synchronized WriteBack retainWriter(String path, Supplier<WriteBack> create) {
        WriteBack w = writers.computeIfAbsent(path, p -> create.get());
        w.retain();
        return w;
    }

    /** Drops one handle's hold; true when it was the last one (the write state is then unregistered). */
    synchronized boolean releaseWriter(WriteBack w) {
        if (w.release()) {
            writers.remove(w.path(), w);
            return true;
        }
        return false;
    }

    /** The write states of a path and of every path below it. */
    synchronized java.util.List<WriteBack> writersAt(String path) {
        java.util.List<WriteBack> out = new java.util.ArrayList<>();
        writers.forEach((p, w) -> {
            if (isAtOrBelow(p, path)) {
                out.add(w);
            }
        });
        return out;
    }

    /** A path was renamed: files open for writing at or below it commit to their new names. */
    synchronized void moved(String from, String to) {
        for (String p : java.util.List.copyOf(writers.keySet())) {
            if (isAtOrBelow(p, from)) {
                WriteBack w = writers.remove(p);
                String np = to + p.substring(from.length());
                w.moved(np);
                writers.put(np, w);
            }
        }
    }

    static boolean isAtOrBelow(String p, String dir) {
        return p.equals(dir) || p.startsWith(dir.equals("/") ? "/" : dir + "/");
    }

    synchronized WriteBack forget(String path) {
        return writers.remove(path);
    }

    java.util.Collection<WriteBack> allWriters() {
        return writers.values();
    }
}
