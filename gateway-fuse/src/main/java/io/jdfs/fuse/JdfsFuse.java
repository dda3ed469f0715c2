package io.jdfs.fuse;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileStatus;
import jnr.ffi.Pointer;
import jnr.ffi.types.mode_t;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;
import ru.serce.jnrfuse.FuseFillDir;
import ru.serce.jnrfuse.FuseStubFS;
import ru.serce.jnrfuse.struct.FileStat;
import ru.serce.jnrfuse.struct.FuseFileInfo;
import ru.serce.jnrfuse.struct.Statvfs;
import ru.serce.jnrfuse.struct.Timespec;

import java.io.IOException;

/**
 * The file system the kernel talks to: each FUSE operation mapped onto {@link DfsClient}.
 * Every operation answers 0 or a negative errno ({@link Errno}); nothing is thrown back to libfuse.
 * Hard links and fallocate, which the cluster does not offer yet, answer ENOSYS or EOPNOTSUPP.
 */
public class JdfsFuse extends FuseStubFS {
    private static final long UTIME_NOW = (1L << 30) - 1;
    private static final long UTIME_OMIT = (1L << 30) - 2;

    private final DfsClient client;
    private final FusePaths paths;
    private final Owner owner;
    private final OpenFiles open = new OpenFiles();
    private final StatCache stats;
    private final FileData data;
    private final LinkOps links;
    private final XattrOps xattrs;
    private final TreeOps tree;

    public JdfsFuse(DfsClient client, MountOptions options) {
        this.client = client;
        this.paths = new FusePaths(options.root());
        this.owner = Owner.ofThisProcess();
        this.stats = new StatCache(options.attrTimeoutSec(), 200_000);
        this.data = new FileData(client, paths, options.writeBackBytes(), open, stats);
        this.links = new LinkOps(client, paths, stats, owner);
        this.xattrs = new XattrOps(client, paths, stats);
        this.tree = new TreeOps(client, paths, stats, open);
    }

    /** The status of a cluster path: from a listing made less than the attribute timeout ago, else asked. */
    private FileStatus status(String p) throws IOException {
        FileStatus s = stats.get(p);
        if (s != null) {
            return s;
        }
        try {
            return client.linkStatus(p); // lstat: the kernel follows symlinks itself
        } catch (io.jdfs.protocol.PathNotFoundException e) {
            return null;
        }
    }

    private int call(String op, String path, FuseCalls.Op body) {
        return FuseCalls.run(op, path, body);
    }

    // ---- attributes and names ------------------------------------------------------------------

    @Override
    public int getattr(String path, FileStat stat) {
        return call("getattr", path, () -> {
            String p = paths.toCluster(path);
            FileStatus s = status(p);
            if (s == null) {
                return -Errno.ENOENT;
            }
            WriteBack w = open.writer(s.inodeId());
            if (w == null) {
                Attributes.fill(stat, s, s.length(), owner);
            } else {
                Attributes.fill(stat, s, w.size(), w.uncommittedChangeNanos(), owner);
            }
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
            stats.invalidate(p);
            client.setMode(p, (int) mode & 07777);
            return 0;
        });
    }

    @Override
    public int chown(String path, long uid, long gid) {
        return links.chown(path, uid, gid);
    }

    @Override
    public int utimens(String path, Timespec[] timespec) {
        return call("utimens", path, () -> {
            String p = paths.toCluster(path);
            stats.invalidate(p);
            long atime = nanos(timespec[0]);
            long mtime = nanos(timespec[1]);
            FileStatus s = open.anyWriters() ? status(p) : null;
            WriteBack w = s == null ? null : open.writer(s.inodeId());
            if (w != null) {
                w.commit(); // cp -p sets times before close: commit first so close does not reset them
            }
            client.setTimes(p, mtime, atime, false); // on a link itself when the kernel asks so (lutimes)
            return 0;
        });
    }

    /** UTIME_NOW goes as such: the name server's clock, and a non-owner with write access may set it. */
    private static long nanos(Timespec t) {
        long nsec = t.tv_nsec.longValue();
        if (nsec == UTIME_NOW) {
            return io.jdfs.protocol.Protocol.UTIME_NOW;
        }
        if (nsec == UTIME_OMIT) {
            return io.jdfs.protocol.Protocol.UTIME_OMIT;
        }
        return Attributes.nanos(t.tv_sec.get(), nsec);
    }

    // ---- directories ---------------------------------------------------------------------------



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
            // the entry's type goes with its name, so find and ls need no getattr to tell files from dirs
            FileStat type = new FileStat(jnr.ffi.Runtime.getSystemRuntime());
            synchronized (h) {
                if (offset != h.position()) {
                    h.seek(offset);
                }
                for (DirHandle.Entry e = h.peek(); e != null; e = h.peek()) {
                    type.st_mode.set(e.status() == null ? FileStat.S_IFDIR : Attributes.mode(e.status()));
                    // use_ino: the entry carries its inode number, and 0 would hide it (a deleted slot)
                    type.st_ino.set(e.status() == null ? 1 : e.status().inodeId());
                    if (e.status() != null && open.writer(e.status().inodeId()) == null) {
                        stats.put(e.status());
                    }
                    if (filter.apply(buf, e.name(), type, h.position() + 1) != 0) {
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
    public int mkdir(String path, @mode_t long mode) {
        return owned(path, tree.mkdir(path, mode));
    }

    @Override
    public int rmdir(String path) {
        return tree.rmdir(path);
    }

    @Override
    public int unlink(String path) {
        return tree.unlink(path);
    }

    @Override
    public int rename(String oldpath, String newpath) {
        return tree.rename(oldpath, newpath);
    }




    @Override
    public int symlink(String oldpath, String newpath) {
        return owned(newpath, links.symlink(oldpath, newpath));
    }

    @Override
    public int readlink(String path, Pointer buf, @size_t long size) {
        return links.readlink(path, buf, size);
    }

    @Override
    public int link(String oldpath, String newpath) {
        return links.link(oldpath, newpath);
    }

    @Override
    public int mknod(String path, @mode_t long mode, long rdev) {
        return owned(path, links.mknod(path, mode, rdev));
    }

    @Override
    public int setxattr(String path, String name, Pointer value, @size_t long size, int flags) {
        return xattrs.set(path, name, value, size, flags);
    }

    @Override
    public int getxattr(String path, String name, Pointer value, @size_t long size) {
        return xattrs.get(path, name, value, size);
    }

    @Override
    public int listxattr(String path, Pointer list, @size_t long size) {
        return xattrs.list(path, list, size);
    }

    @Override
    public int removexattr(String path, String name) {
        return xattrs.remove(path, name);
    }

    @Override
    public int fallocate(String path, int mode, @off_t long off, @off_t long length, FuseFileInfo fi) {
        return -Errno.EOPNOTSUPP;
    }

    // ---- file data (FileData) -------------------------------------------------------------------

    @Override
    public int create(String path, @mode_t long mode, FuseFileInfo fi) {
        return owned(path, data.create(path, mode, fi));
    }

    /** After a successful create: the new inode belongs to the calling process's user (see {@link LinkOps#adopt}). */
    private int owned(String path, int result) {
        return result == 0 ? links.adopt(path, getContext()) : result;
    }

    @Override
    public int open(String path, FuseFileInfo fi) {
        return data.open(path, fi);
    }

    @Override
    public int read(String path, Pointer buf, @size_t long size, @off_t long offset, FuseFileInfo fi) {
        return data.read(path, buf, size, offset, fi);
    }

    @Override
    public int write(String path, Pointer buf, @size_t long size, @off_t long offset, FuseFileInfo fi) {
        return data.write(path, buf, size, offset, fi);
    }

    @Override
    public int truncate(String path, @off_t long size) {
        return data.truncate(path, size);
    }

    @Override
    public int ftruncate(String path, @off_t long size, FuseFileInfo fi) {
        return data.ftruncate(path, size, fi);
    }

    @Override
    public int flush(String path, FuseFileInfo fi) {
        return data.flush(path, fi);
    }

    @Override
    public int fsync(String path, int isdatasync, FuseFileInfo fi) {
        return data.fsync(path, isdatasync, fi);
    }

    @Override
    public int release(String path, FuseFileInfo fi) {
        return data.release(path, fi);
    }

    /** Commits every file still open for writing (before an unmount); the count that failed. */
    int commitAll() {
        return data.commitAll();
    }

    int openHandles() {
        return open.size();
    }
}
