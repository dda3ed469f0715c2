package io.jdfs.fuse;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileStatus;

import java.io.IOException;

/**
 * mkdir, rmdir, unlink and rename: the namespace changes of {@link JdfsFuse}, with the errno each
 * case of the system calls expects. Files open for writing follow their inode, so a rename needs
 * no commit; an unlinked or replaced one keeps working for its open handles.
 */
final class TreeOps {
    private final DfsClient client;
    private final FusePaths paths;
    private final StatCache stats;
    private final OpenFiles open;

    TreeOps(DfsClient client, FusePaths paths, StatCache stats, OpenFiles open) {
        this.client = client;
        this.paths = paths;
        this.stats = stats;
        this.open = open;
    }

    private static int call(String op, String path, FuseCalls.Op body) {
        return FuseCalls.run(op, path, body);
    }

    /** lstat, or null when the path does not exist. */
    private FileStatus lstat(String p) throws IOException {
        try {
            return client.linkStatus(p);
        } catch (io.jdfs.protocol.PathNotFoundException e) {
            return null;
        }
    }

    int mkdir(String path, long mode) {
        return call("mkdir", path, () -> {
            String p = paths.toCluster(path);
            stats.invalidate(p);
            if (client.statOrNull(p) != null) {
                return -Errno.EEXIST;
            }
            client.mkdirs(p, (int) mode & 07777);
            return 0;
        });
    }

    int rmdir(String path) {
        return call("rmdir", path, () -> {
            String p = paths.toCluster(path);
            stats.invalidateAll();
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

    int unlink(String path) {
        return call("unlink", path, () -> {
            String p = paths.toCluster(path);
            stats.invalidate(p);
            FileStatus s = lstat(p); // unlink removes a symlink itself, whatever it points to
            if (s == null) {
                return -Errno.ENOENT;
            }
            if (s.isDirectory()) {
                return -Errno.EISDIR;
            }
            open.nameRemoved(p, s.inodeId(), s.linkCount() <= 1);
            return client.delete(p, false) ? 0 : -Errno.ENOENT;
        });
    }

    int rename(String oldpath, String newpath) {
        return call("rename", oldpath, () -> {
            String from = paths.toCluster(oldpath);
            String to = paths.toCluster(newpath);
            stats.invalidateAll(); // a directory may move with everything below it
            FileStatus src = lstat(from); // rename moves a symlink itself
            if (src == null) {
                return -Errno.ENOENT;
            }
            if (from.equals(to)) {
                return 0;
            }
            FileStatus dst = lstat(to);
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
            if (dst != null && !dst.isDirectory() && dst.inodeId() != src.inodeId()) {
                open.nameRemoved(to, dst.inodeId(), dst.linkCount() <= 1);
            }
            client.rename(from, to, true);
            open.moved(from, to);
            return 0;
        });
    }
}
