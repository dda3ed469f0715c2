package io.jdfs.protocol;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * What stat returns. Times are nanoseconds since the epoch (64-bit: no 2038 limit).
 * {@code complete} is false while a writer holds the file open. Sent as a JSON array (no field
 * names): directory listings carry thousands of them.
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
public record FileStatus(
        String path,
        long inodeId,
        FileType type,
        long length,
        int replication,
        long blockSize,
        int mode,
        int uid,
        int gid,
        long mtimeNanos,
        long atimeNanos,
        long ctimeNanos,
        int linkCount,
        boolean complete,
        String symlinkTarget,
        long rdev,
        int xattrCount) {

    /** A status without link target or device number (files and directories). */
    public FileStatus(String path, long inodeId, FileType type, long length, int replication, long blockSize, int mode,
                      int uid, int gid, long mtimeNanos, long atimeNanos, long ctimeNanos, int linkCount,
                      boolean complete) {
        this(path, inodeId, type, length, replication, blockSize, mode, uid, gid, mtimeNanos, atimeNanos, ctimeNanos,
                linkCount, complete, null, 0, 0);
    }

    /** Whether the inode has extended attributes (listings say so, so a gateway asks for them only then). */
    public boolean hasXattrs() {
        return xattrCount > 0;
    }

    public boolean isSymlink() {
        return type == FileType.SYMLINK;
    }

    public boolean isDirectory() {
        return type == FileType.DIRECTORY;
    }

    public boolean isFile() {
        return type == FileType.FILE;
    }

    public String name() {
        int slash = path.lastIndexOf('/');
        return path.equals("/") ? "/" : path.substring(slash + 1);
    }
}
