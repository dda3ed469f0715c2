package io.jdfs.fuse;

import io.jdfs.protocol.FileStatus;
import jnr.ffi.Pointer;
import jnr.ffi.Struct;
import ru.serce.jnrfuse.struct.FuseFileInfo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * keep_cache: a file opened for reading whose inode, length and mtime on the name server are what
 * they were at its previous open keeps the kernel's cached pages, so a re-read costs no upcall. Any
 * change committed anywhere moves the mtime (and a different file under the name has another inode),
 * so the kernel then drops the pages as it does by default. A file open for writing in this mount
 * never keeps them (its uncommitted bytes may differ from what a sibling hard link cached).
 */
final class KeepCache {
    /**
     * libfuse2's struct fuse_file_info: int flags; unsigned long fh_old; int writepage; then the
     * bit-field word (direct_io:1, keep_cache:1, flush:1, ...) right before uint64_t fh.
     */
    private static final int KEEP_CACHE_BIT = 1 << 1;

    private record Stamp(long length, long mtimeNanos) {
    }

    private final int maxFiles;
    private final Map<Long, Stamp> seen;

    KeepCache(int maxFiles) {
        this.maxFiles = maxFiles;
        this.seen = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Stamp> eldest) {
                return size() > KeepCache.this.maxFiles;
            }
        };
    }

    /** Records this open of {@code s}; true when the kernel may keep the pages cached since the last one. */
    synchronized boolean unchangedSinceLastOpen(FileStatus s) {
        Stamp now = new Stamp(s.length(), s.mtimeNanos());
        return now.equals(seen.put(s.inodeId(), now));
    }

    /** The inode's pages may differ from the name server's from now on (written through this mount). */
    synchronized void forget(long inode) {
        seen.remove(inode);
    }

    /** Sets FOPEN_KEEP_CACHE in the open reply (jnr-fuse maps the bit-field only as padding). */
    static void set(FuseFileInfo fi) {
        Pointer mem = Struct.getMemory(fi);
        long word = fi.fh.offset() - 4;
        mem.putInt(word, mem.getInt(word) | KEEP_CACHE_BIT);
    }

    static boolean isSet(FuseFileInfo fi) {
        Pointer mem = Struct.getMemory(fi);
        return (mem.getInt(fi.fh.offset() - 4) & KEEP_CACHE_BIT) != 0;
    }
}
