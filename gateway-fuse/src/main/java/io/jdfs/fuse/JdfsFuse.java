package io.jdfs.fuse;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileStatus;
import jnr.ffi.Pointer;
import jnr.ffi.types.mode_t;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.serce.jnrfuse.FuseFillDir;
import ru.serce.jnrfuse.FuseStubFS;
import ru.serce.jnrfuse.struct.FileStat;
import ru.serce.jnrfuse.struct.FuseFileInfo;
import ru.serce.jnrfuse.struct.Statvfs;
import ru.serce.jnrfuse.struct.Timespec;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The file system the kernel talks to: each FUSE operation mapped onto {@link DfsClient}.
 * Every operation answers 0 or a negative errno ({@link Errno}); nothing is thrown back to libfuse.
 * Operations the cluster cannot do yet (links, owners, extended attributes, special files) answer
 * ENOSYS or EOPNOTSUPP.
 */
public class JdfsFuse extends FuseStubFS {
    private static final Logger LOG = LoggerFactory.getLogger(JdfsFuse.class);
    private static final int O_ACCMODE = 03;
    private static final int O_RDONLY = 0;
    private static final int O_TRUNC = 01000;
    private static final int O_APPEND = 02000;
    private static final long UTIME_NOW = (1L << 30) - 1;
    private static final long UTIME_OMIT = (1L << 30) - 2;

    private final DfsClient client;
    private final FusePaths paths;
    private final Path spillDir;
    private final Owner owner;
    private final OpenFiles open = new OpenFiles();

    /** A call to the cluster that answers 0 or a negative errno. */
    private interface Op {
        int run() throws IOException;
    }

    public JdfsFuse(DfsClient client, MountOptions options) {
        this.client = client;
        this.paths = new FusePaths(options.root());
        this.spillDir = options.spillDir();
        this.owner = Owner.ofThisProcess();
    }

    private int call(String op, String path, Op body) {
        try {
            return body.run();
        } catch (IOException | RuntimeException e) {
            int errno = Errno.of(e);
            if (Errno.isServerSide(errno) || e instanceof RuntimeException && !(e instanceof IllegalArgumentException)) {
                LOG.warn("{} {}: {}", op, path, e.toString());
            } else {
                LOG.debug("{} {}: {}", op, path, e.toString());
            }
            return errno;
        }
    }

    // ---- attributes and names ------------------------------------------------------------------

    @Override
    public int getattr(String path, FileStat stat) {
        return call("getattr", path, () -> {
            String p = paths.toCluster(path);
            FileStatus s = client.statOrNull(p);
            if (s == null) {
                return -Errno.ENOENT;
            }
            WriteBack w = open.writer(p);
            Attributes.fill(stat, s, w != null ? w.size() : s.length(), owner);
            return 0;
        });
    }

    @Override
    public int fgetattr(String path, FileStat stat, FuseFileInfo fi) {
        return getattr(path, stat);
    }

    @Override
    public int access(String path, int mask) {
        // the kernel checks the modes (default_permissions); here only existence is left to answer
        return call("access", path, () -> client.exists(paths.toCluster(path)) ? 0 : -Errno.ENOENT);
    }

    @Override
    public int statfs(String path, Statvfs stbuf) {
        return call("statfs", path, () -> {
            Attributes.fill(stbuf, client.clusterStatus());
            return 0;
        });
    }

    @Override
    public int chmod(String path, @mode_t long mode) {
        return call("chmod", path, () -> {
            String p = paths.toCluster(path);
            WriteBack w = open.writer(p);
            if (w != null) {
                w.commit(); // a commit after the change would bring the old mode back
                w.setPerms((int) mode);
            }
            client.setMode(p, (int) mode & 07777);
            return 0;
        });
    }

    @Override
    public int chown(String path, long uid, long gid) {
        // owners are not kept yet: "chown to who it already is" (cp -a, tar, rsync as that user) is fine
        return owner.unchangedBy(uid, gid) ? 0 : -Errno.EOPNOTSUPP;
    }

    @Override
    public int utimens(String path, Timespec[] timespec) {
        return call("utimens", path, () -> {
            String p = paths.toCluster(path);
            long now = System.currentTimeMillis() * 1_000_000L;
            long atime = nanos(timespec[0], now);
            long mtime = nanos(timespec[1], now);
            WriteBack w = open.writer(p);
            if (w != null) {
                w.commit(); // cp -p sets times before close: commit first so close does not reset them
            }
            client.setTimes(p, mtime, atime);
            return 0;
        });
    }

    private static long nanos(Timespec t, long now) {
        long nsec = t.tv_nsec.longValue();
        if (nsec == UTIME_NOW) {
            return now;
        }
        if (nsec == UTIME_OMIT) {
            return -1;
        }
        return Attributes.nanos(t.tv_sec.get(), nsec);
    }

    // ---- directories ---------------------------------------------------------------------------

    @Override
    public int mkdir(String path, @mode_t long mode) {
        return call("mkdir", path, () -> {
            String p = paths.toCluster(path);
            if (client.statOrNull(p) != null) {
                return -Errno.EEXIST;
            }
            client.mkdirs(p, (int) mode & 07777);
            return 0;
        });
    }

    @Override
    public int rmdir(String path) {
        return call("rmdir", path, () -> {
            String p = paths.toCluster(path);
            FileStatus s = client.statOrNull(p);
            if (s == null) {
                return -Errno.ENOENT;
            }
            if (!s.isDirectory()) {
                return -Errno.ENOTDIR;
            }
            if (p.equals(paths.root())) {
                return -Errno.EBUSY;
            }
            return client.delete(p, false) ? 0 : -Errno.ENOENT;
        });
    }

    @Override
    public int opendir(String path, FuseFileInfo fi) {
        return call("opendir", path, () -> {
            String p = paths.toCluster(path);
            FileStatus s = client.statOrNull(p);
            if (s == null) {
                return -Errno.ENOENT;
            }
            if (!s.isDirectory()) {
                return -Errno.ENOTDIR;
            }
            fi.fh.set(open.add(new DirHandle(client, p)));
            return 0;
        });
    }

    @Override
    public int readdir(String path, Pointer buf, FuseFillDir filter, @off_t long offset, FuseFileInfo fi) {
        return call("readdir", path, () -> {
            if (!(open.get(fi.fh.get()) instanceof DirHandle h)) {
                return -Errno.EBADF;
            }
            synchronized (h) {
                if (offset != h.position()) {
                    h.seek(offset);
                }
                for (DirHandle.Entry e = h.peek(); e != null; e = h.peek()) {
                    if (filter.apply(buf, e.name(), null, h.position() + 1) != 0) {
                        break; // the kernel's buffer is full: this entry comes first next time
                    }
                    h.advance();
                }
            }
            return 0;
        });
    }

    @Override
    public int releasedir(String path, FuseFileInfo fi) {
        open.remove(fi.fh.get());
        return 0;
    }

    @Override
    public int fsyncdir(String path, FuseFileInfo fi) {
        return 0; // namespace changes are journaled by the name server before it answers
    }

    // ---- namespace changes ---------------------------------------------------------------------

    @Override
    public int unlink(String path) {
        return call("unlink", path, () -> {
            String p = paths.toCluster(path);
            FileStatus s = client.statOrNull(p);
            if (s == null) {
                return -Errno.ENOENT;
            }
            if (s.isDirectory()) {
                return -Errno.EISDIR;
            }
            WriteBack w = open.forget(p);
            if (w != null) {
                w.discard();
            }
            return client.delete(p, false) ? 0 : -Errno.ENOENT;
        });
    }

    @Override
    public int rename(String oldpath, String newpath) {
        return call("rename", oldpath, () -> {
            String from = paths.toCluster(oldpath);
            String to = paths.toCluster(newpath);
            FileStatus src = client.statOrNull(from);
            if (src == null) {
                return -Errno.ENOENT;
            }
            if (from.equals(to)) {
                return 0;
            }
            FileStatus dst = client.statOrNull(to);
            if (dst != null) {
                if (src.isDirectory() && !dst.isDirectory()) {
                    return -Errno.ENOTDIR;
                }
                if (!src.isDirectory() && dst.isDirectory()) {
                    return -Errno.EISDIR;
                }
                if (src.isDirectory() && to.startsWith(from + "/")) {
                    return -Errno.EINVAL;
                }
            }
            WriteBack w = open.writer(from);
            if (w != null) {
                w.commit(); // a stream being written is bound to its name until it completes
            }
            WriteBack replaced = open.forget(to);
            if (replaced != null) {
                replaced.discard();
            }
            client.rename(from, to, true);
            open.moved(from, to);
            return 0;
        });
    }

    @Override
    public int symlink(String oldpath, String newpath) {
        return -Errno.ENOSYS; // waits on symlinks in the cluster (POSIX issue)
    }

    @Override
    public int readlink(String path, Pointer buf, @size_t long size) {
        return -Errno.ENOSYS; // no symlinks in the cluster yet
    }

    @Override
    public int link(String oldpath, String newpath) {
        return -Errno.ENOSYS; // waits on hard links in the cluster (POSIX issue)
    }

    @Override
    public int mknod(String path, @mode_t long mode, long rdev) {
        if ((mode & FileStat.S_IFMT) != FileStat.S_IFREG) {
            return -Errno.EOPNOTSUPP; // fifos, sockets and devices are not kept by the cluster
        }
        return call("mknod", path, () -> {
            client.create(paths.toCluster(path), CreateOptions.defaults().withMode((int) mode & 07777)).close();
            return 0;
        });
    }

    @Override
    public int setxattr(String path, String name, Pointer value, @size_t long size, int flags) {
        return -Errno.ENOSYS; // the kernel then stops asking and answers EOPNOTSUPP itself
    }

    @Override
    public int getxattr(String path, String name, Pointer value, @size_t long size) {
        return -Errno.ENOSYS;
    }

    @Override
    public int listxattr(String path, Pointer list, @size_t long size) {
        return -Errno.ENOSYS;
    }

    @Override
    public int removexattr(String path, String name) {
        return -Errno.ENOSYS;
    }

    @Override
    public int fallocate(String path, int mode, @off_t long off, @off_t long length, FuseFileInfo fi) {
        return -Errno.EOPNOTSUPP;
    }

    // ---- file data -----------------------------------------------------------------------------

    @Override
    public int create(String path, @mode_t long mode, FuseFileInfo fi) {
        return call("create", path, () -> {
            String p = paths.toCluster(path);
            int perms = (int) mode & 07777;
            WriteBack w = open.retainWriter(p, () -> {
                try {
                    return WriteBack.created(client, spillDir, p, perms,
                            client.create(p, CreateOptions.defaults().withMode(perms)));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            fi.fh.set(open.add(new OpenFiles.FileHandle(p, null, w, (fi.flags.get() & O_APPEND) != 0)));
            return 0;
        });
    }

    @Override
    public int open(String path, FuseFileInfo fi) {
        return call("open", path, () -> {
            String p = paths.toCluster(path);
            FileStatus s = client.statOrNull(p);
            if (s == null) {
                return -Errno.ENOENT;
            }
            if (s.isDirectory()) {
                return -Errno.EISDIR;
            }
            int flags = fi.flags.get();
            if ((flags & O_ACCMODE) == O_RDONLY) {
                fi.fh.set(open.add(new OpenFiles.FileHandle(p, new ReadHandle(client, p), null, false)));
                return 0;
            }
            WriteBack w = open.retainWriter(p, () -> WriteBack.existing(client, spillDir, s));
            if ((flags & O_TRUNC) != 0) {
                w.truncate(0);
            }
            fi.fh.set(open.add(new OpenFiles.FileHandle(p, null, w, (flags & O_APPEND) != 0)));
            return 0;
        });
    }

    @Override
    public int read(String path, Pointer buf, @size_t long size, @off_t long offset, FuseFileInfo fi) {
        return call("read", path, () -> {
            if (!(open.get(fi.fh.get()) instanceof OpenFiles.FileHandle h)) {
                return -Errno.EBADF;
            }
            byte[] b = new byte[(int) size];
            WriteBack w = h.writer() != null ? h.writer() : open.writer(h.path());
            int n = w != null ? w.read(offset, b, b.length) : h.reader().read(offset, b, b.length);
            if (n <= 0) {
                return 0;
            }
            buf.put(0, b, 0, n);
            return n;
        });
    }

    @Override
    public int write(String path, Pointer buf, @size_t long size, @off_t long offset, FuseFileInfo fi) {
        return call("write", path, () -> {
            if (!(open.get(fi.fh.get()) instanceof OpenFiles.FileHandle h) || h.writer() == null) {
                return -Errno.EBADF;
            }
            byte[] b = new byte[(int) size];
            buf.get(0, b, 0, b.length);
            WriteBack w = h.writer();
            synchronized (w) {
                w.write(h.append() ? w.size() : offset, b, b.length);
            }
            return (int) size;
        });
    }

    @Override
    public int truncate(String path, @off_t long size) {
        return call("truncate", path, () -> {
            String p = paths.toCluster(path);
            WriteBack w = open.writer(p);
            if (w != null) {
                w.truncate(size);
                return 0;
            }
            FileStatus s = client.statOrNull(p);
            if (s == null) {
                return -Errno.ENOENT;
            }
            if (s.isDirectory()) {
                return -Errno.EISDIR;
            }
            // no handle open: rewrite through a short-lived write state
            WriteBack t = open.retainWriter(p, () -> WriteBack.existing(client, spillDir, s));
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

    @Override
    public int ftruncate(String path, @off_t long size, FuseFileInfo fi) {
        if (open.get(fi.fh.get()) instanceof OpenFiles.FileHandle h && h.writer() != null) {
            return call("ftruncate", path, () -> {
                h.writer().truncate(size);
                return 0;
            });
        }
        return truncate(path, size);
    }

    @Override
    public int flush(String path, FuseFileInfo fi) {
        return commit("flush", path, fi);
    }

    @Override
    public int fsync(String path, int isdatasync, FuseFileInfo fi) {
        return commit("fsync", path, fi);
    }

    private int commit(String op, String path, FuseFileInfo fi) {
        if (!(open.get(fi.fh.get()) instanceof OpenFiles.FileHandle h) || h.writer() == null) {
            return 0;
        }
        return call(op, path, () -> {
            h.writer().commit();
            return 0;
        });
    }

    @Override
    public int release(String path, FuseFileInfo fi) {
        OpenFiles.Handle handle = open.remove(fi.fh.get());
        if (!(handle instanceof OpenFiles.FileHandle h)) {
            return 0;
        }
        if (h.reader() != null) {
            h.reader().close();
        }
        WriteBack w = h.writer();
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

    int openHandles() {
        return open.size();
    }
}
