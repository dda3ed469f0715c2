package io.jdfs.fuse;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileStatus;
import jnr.ffi.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.serce.jnrfuse.struct.FuseFileInfo;

import java.io.IOException;

/**
 * The file data half of {@link JdfsFuse}: create, open, read, write, truncate, flush, fsync and
 * release, over {@link ReadHandle} (reads) and {@link WriteBack} (writes, shared per inode).
 */
final class FileData {
    private static final Logger LOG = LoggerFactory.getLogger(FileData.class);
    private static final int O_ACCMODE = 03;
    private static final int O_RDONLY = 0;
    private static final int O_TRUNC = 01000;
    private static final int O_APPEND = 02000;

    private final DfsClient client;
    private final FusePaths paths;
    private final long writeBackBytes;
    private final OpenFiles open;
    private final StatCache stats;
    private final KeepCache keep = new KeepCache(100_000);

    FileData(DfsClient client, FusePaths paths, long writeBackBytes, OpenFiles open, StatCache stats) {
        this.client = client;
        this.paths = paths;
        this.writeBackBytes = writeBackBytes;
        this.open = open;
        this.stats = stats;
    }

    /** One request-sized buffer per libfuse thread: the client copies out of it, so it is reused. */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[MountOptions.MAX_IO]);

    private static byte[] buffer(int size) {
        byte[] b = BUFFERS.get();
        if (b.length < size) {
            b = new byte[size];
            BUFFERS.set(b);
        }
        return b;
    }

    private WriteBack existing(String p) {
        try {
            return WriteBack.existing(client, p, writeBackBytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int call(String op, String path, FuseCalls.Op body) {
        return FuseCalls.run(op, path, body);
    }


    int create(String path, long mode, FuseFileInfo fi) {
        return call("create", path, () -> {
            String p = paths.toCluster(path);
            stats.invalidate(p);
            int perms = (int) mode & 07777;
            WriteBack w = open.retainNamed(p, () -> {
                try {
                    return WriteBack.created(client, p, perms, writeBackBytes);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            fi.fh.set(open.add(new OpenFiles.FileHandle(p, w.inode(), null, w, (fi.flags.get() & O_APPEND) != 0)));
            return 0;
        });
    }

    int open(String path, FuseFileInfo fi) {
        return call("open", path, () -> {
            String p = paths.toCluster(path);
            stats.invalidate(p);
            FileStatus s = client.statOrNull(p);
            if (s == null) {
                return -Errno.ENOENT;
            }
            if (s.isDirectory()) {
                return -Errno.EISDIR;
            }
            int flags = fi.flags.get();
            if ((flags & O_ACCMODE) == O_RDONLY) {
                if (keep.unchangedSinceLastOpen(s) && open.writer(s.inodeId()) == null) {
                    KeepCache.set(fi);
                }
                fi.fh.set(open.add(new OpenFiles.FileHandle(p, s.inodeId(), new ReadHandle(client, p), null, false)));
                return 0;
            }
            keep.forget(s.inodeId());
            WriteBack w = open.retainWriter(s.inodeId(), () -> existing(p));
            if ((flags & O_TRUNC) != 0) {
                w.truncate(0);
            }
            fi.fh.set(open.add(new OpenFiles.FileHandle(p, w.inode(), null, w, (flags & O_APPEND) != 0)));
            return 0;
        });
    }

    int read(String path, Pointer buf, long size, long offset, FuseFileInfo fi) {
        return call("read", path, () -> {
            if (!(open.get(fi.fh.get()) instanceof OpenFiles.FileHandle h)) {
                return -Errno.EBADF;
            }
            byte[] b = buffer((int) size);
            WriteBack w = h.writer() != null ? h.writer() : open.writer(h.inode());
            if (w == null) {
                return h.reader().read(offset, buf, (int) size, b);
            }
            int n = w.read(offset, b, (int) size);
            if (n <= 0) {
                return 0;
            }
            buf.put(0, b, 0, n);
            return n;
        });
    }

    int write(String path, Pointer buf, long size, long offset, FuseFileInfo fi) {
        return call("write", path, () -> {
            if (!(open.get(fi.fh.get()) instanceof OpenFiles.FileHandle h) || h.writer() == null) {
                return -Errno.EBADF;
            }
            byte[] b = buffer((int) size);
            buf.get(0, b, 0, (int) size);
            WriteBack w = h.writer();
            synchronized (w) {
                w.write(h.append() ? w.size() : offset, b, (int) size);
            }
            return (int) size;
        });
    }

    int truncate(String path, long size) {
        return call("truncate", path, () -> {
            String p = paths.toCluster(path);
            stats.invalidate(p);
            FileStatus s = client.statOrNull(p);
            if (s == null) {
                return -Errno.ENOENT;
            }
            if (s.isDirectory()) {
                return -Errno.EISDIR;
            }
            WriteBack w = open.writer(s.inodeId());
            if (w != null) {
                w.truncate(size);
                return 0;
            }
            // no handle open: rewrite through a short-lived write state
            WriteBack t = open.retainWriter(s.inodeId(), () -> existing(p));
            try {
                t.truncate(size);
                t.commit();
            } finally {
                if (open.releaseWriter(t)) {
                    t.close();
                }
            }
            return 0;
        });
    }

    int ftruncate(String path, long size, FuseFileInfo fi) {
        if (open.get(fi.fh.get()) instanceof OpenFiles.FileHandle h && h.writer() != null) {
            return call("ftruncate", path, () -> {
                h.writer().truncate(size);
                return 0;
            });
        }
        return truncate(path, size);
    }

    int flush(String path, FuseFileInfo fi) {
        return commit("flush", path, fi);
    }

    int fsync(String path, int isdatasync, FuseFileInfo fi) {
        return commit("fsync", path, fi);
    }

    private int commit(String op, String path, FuseFileInfo fi) {
        if (!(open.get(fi.fh.get()) instanceof OpenFiles.FileHandle h) || h.writer() == null) {
            return 0;
        }
        stats.invalidate(h.path());
        return call(op, path, () -> {
            h.writer().commit();
            return 0;
        });
    }

    int release(String path, FuseFileInfo fi) {
        OpenFiles.Handle handle = open.remove(fi.fh.get());
        if (!(handle instanceof OpenFiles.FileHandle h)) {
            return 0;
        }
        if (h.reader() != null) {
            h.reader().close();
        }
        WriteBack w = h.writer();
        stats.invalidate(h.path());
        if (w == null || !open.releaseWriter(w)) {
            return 0;
        }
        try {
            return call("release", path, () -> {
                w.commit();
                return 0;
            });
        } finally {
            w.close();
        }
    }

    /** Commits every file still open for writing (before an unmount); the count that failed. */
    int commitAll() {
        int failed = 0;
        for (WriteBack w : open.allWriters()) {
            try {
                w.commit();
            } catch (IOException | RuntimeException e) {
                failed++;
                LOG.error("{} could not be committed before unmount: {}", w.path(), e.toString());
            }
        }
        return failed;
    }

}
