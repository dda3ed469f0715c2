package io.jdfs.fuse;

import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsFile;
import io.jdfs.client.OpenFlag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.EnumSet;

/**
 * The state of one file open for writing, shared by every handle open on its inode: one
 * {@link DfsFile}, which holds the file's lease, keeps changed blocks in memory (bounded; written
 * back on its own past the limit) and commits them copy-on-write on flush, fsync and release, so a
 * 4 KiB change to a large file rewrites one block and readers see each block old or new. Sequential
 * writes stream to the data servers as each block fills. Every method is synchronized.
 */
final class WriteBack {
    private static final Logger LOG = LoggerFactory.getLogger(WriteBack.class);

    private final DfsFile file;
    private String path;
    /** False once the name in {@link #path} was removed while other links of the inode remain. */
    private boolean named = true;
    private int refs;
    private boolean unlinked;

    private WriteBack(DfsFile file, String path) {
        this.file = file;
        this.path = path;
    }

    /** O_CREAT: a new file (or the existing one, when another create won the race). */
    static WriteBack created(DfsClient client, String path, int perms, long writeBackBytes) throws IOException {
        return new WriteBack(client.openFile(path, EnumSet.of(OpenFlag.CREATE, OpenFlag.WRITE), perms, writeBackBytes), path);
    }

    /** An existing file opened for writing: nothing is sent until the first change is committed. */
    static WriteBack existing(DfsClient client, String path, long writeBackBytes) throws IOException {
        return new WriteBack(client.openFile(path, EnumSet.of(OpenFlag.READ, OpenFlag.WRITE), 0, writeBackBytes), path);
    }

    synchronized String path() {
        return path;
    }

    /** The inode open for writing (the key its handles share, whatever link they opened). */
    long inode() {
        return file.inodeId();
    }

    /**
     * The file was renamed (or, with null, the name it was opened by was unlinked while other hard
     * links remain): the handle follows its inode, only messages and create(2) use the name.
     */
    synchronized void moved(String newPath) {
        if (newPath == null) {
            named = false;
        } else {
            path = newPath;
            named = true;
        }
    }

    /** Whether this state answers to {@code p} (the name it was opened or renamed to, still there). */
    synchronized boolean isNamed(String p) {
        return named && path.equals(p);
    }

    synchronized long size() {
        return file.length();
    }

    /** When the last write or truncate not committed yet was made (the mtime its commit gives); 0: none. */
    synchronized long uncommittedChangeNanos() {
        return file.uncommittedChangeNanos();
    }

    synchronized void retain() {
        refs++;
    }

    /** Drops one handle; true when it was the last (the caller then commits and closes). */
    synchronized boolean release() {
        return --refs <= 0;
    }

    synchronized void write(long offset, byte[] b, int len) throws IOException {
        file.pwrite(offset, b, 0, len);
    }

    synchronized int read(long offset, byte[] b, int len) throws IOException {
        return file.pread(offset, b, 0, len);
    }

    synchronized void truncate(long newSize) throws IOException {
        file.truncate(newSize);
    }

    /** Makes everything written so far visible and durable on the cluster (flush, fsync, release). */
    synchronized void commit() throws IOException {
        if (!unlinked) {
            file.flush();
        }
    }

    /**
     * The file is about to be deleted, or replaced by a rename, while open: its handles keep reading
     * it (the name server keeps the blocks of a file held open) and nothing is committed any more.
     */
    synchronized void unlinked() {
        unlinked = true;
    }

    /** Commits what is left and gives up the lease (after the last release). */
    synchronized void close() {
        try {
            file.close();
        } catch (IOException e) {
            if (!unlinked) {
                LOG.warn("closing {} failed: {}", path, e.getMessage());
            }
        }
    }
}
