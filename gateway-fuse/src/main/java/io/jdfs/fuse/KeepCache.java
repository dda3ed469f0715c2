package io.jdfs.fuse;

import io.jdfs.protocol.FileStatus;
import jnr.ffi.Pointer;
import jnr.ffi.Struct;
import ru.serce.jnrfuse.struct.FuseFileInfo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * keep_cache: a file opened for reading under a name whose inode, length, mtime and ctime on the
 * name server are what they were at its previous open under that name keeps the kernel's cached
 * pages, so a re-read costs no upcall. Any change committed anywhere moves the ctime (which, unlike
 * the mtime, nobody can set back), and another file under the name has another inode, so the kernel
 * then drops the pages as it does by default. A file open for writing in this mount never keeps
 * them (its uncommitted bytes may differ from what a sibling hard link cached).
 */
final class KeepCache {
    /**
     * libfuse2's struct fuse_file_info: int flags; unsigned long fh_old; int writepage; then the
     * bit-field word (direct_io:1, keep_cache:1, flush:1, ...) right before uint64_t fh.
     */
    private static final int KEEP_CACHE_BIT = 1 << 1;

    private record Stamp(long inode, long length, long mtimeNanos, long ctimeNanos) {
    }

    private final int maxFiles;
    /**
     * By name, not inode: libfuse2 gives each name of a hard link its own kernel inode and page
     * cache, so pages cached through one name say nothing about another name's.
     */
    private final Map<String, Stamp> seen;

    KeepCache(int maxFiles) {
        this.maxFiles = maxFiles;
        this.seen = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Stamp> eldest) {
                return size() > KeepCache.this.maxFiles;
            }
        };
    }

    /** Records this open of {@code s}; true when the kernel may keep the pages cached since the last one. */
    synchronized boolean unchangedSinceLastOpen(FileStatus s) {
        Stamp now = new Stamp(s.inodeId(), s.length(), s.mtimeNanos(), s.ctimeNanos());
        return now.equals(seen.put(s.path(), now));
    }

    /**
     * The inode's pages may differ from the name server's from now on (written through this mount,
     * under any of its names).
     */
    synchronized void forget(long inode) {
        seen.values().removeIf(st -> st.inode() == inode);
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
