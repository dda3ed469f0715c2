package io.jdfs.fuse;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileType;
import jnr.ffi.Pointer;
import ru.serce.jnrfuse.struct.FileStat;

import java.nio.charset.StandardCharsets;

/**
 * symlink, readlink, mknod and chown on the cluster's own links, special files and owners. The
 * kernel walks symlinks itself: it asks readlink and never hands a path with a link in the middle.
 */
final class LinkOps {
    private final DfsClient client;
    private final FusePaths paths;
    private final StatCache stats;
    private final Owner owner;

    LinkOps(DfsClient client, FusePaths paths, StatCache stats, Owner owner) {
        this.client = client;
        this.paths = paths;
        this.stats = stats;
        this.owner = owner;
    }

    int symlink(String target, String link) {
        return FuseCalls.run("symlink", link, () -> {
            String p = paths.toCluster(link);
            stats.invalidate(p);
            client.symlink(target, p);
            return 0;
        });
    }

    /** A hard link: one more name for the same inode (the kernel refuses directories itself). */
    int link(String existing, String link) {
        return FuseCalls.run("link", link, () -> {
            String from = paths.toCluster(existing);
            String to = paths.toCluster(link);
            stats.invalidate(from); // its link count and ctime change
            stats.invalidate(to);
            client.link(from, to);
            return 0;
        });
    }

    /** The target into {@code buf}, NUL-terminated and cut to {@code size} as readlink(2) does. */
    int readlink(String path, Pointer buf, long size) {
        return FuseCalls.run("readlink", path, () -> {
            byte[] target = client.readLink(paths.toCluster(path)).getBytes(StandardCharsets.UTF_8);
            int n = (int) Math.min(target.length, Math.max(0, size - 1));
            buf.put(0, target, 0, n);
            buf.putByte(n, (byte) 0);
            return 0;
        });
    }

    int mknod(String path, long mode, long rdev) {
        return FuseCalls.run("mknod", path, () -> {
            String p = paths.toCluster(path);
            stats.invalidate(p);
            int perms = (int) mode & 07777;
            int kind = (int) mode & FileStat.S_IFMT;
            if (kind == FileStat.S_IFREG || kind == 0) {
                client.create(p, CreateOptions.defaults().withMode(perms)).close();
            } else {
                client.makeNode(p, typeOf(kind), perms, rdev);
            }
            return 0;
        });
    }

    private static FileType typeOf(int kind) {
        if (kind == FileStat.S_IFIFO) {
            return FileType.FIFO;
        } else if (kind == FileStat.S_IFCHR) {
            return FileType.CHAR_DEVICE;
        } else if (kind == FileStat.S_IFBLK) {
            return FileType.BLOCK_DEVICE;
        } else if (kind == FileStat.S_IFSOCK) {
            return FileType.SOCKET;
        }
        throw new IllegalArgumentException("mknod of file type " + Integer.toOctalString(kind));
    }

    /** Mounted as root the cluster's owners show and change; mounted by a user, files look the user's. */
    int chown(String path, long uid, long gid) {
        if (!owner.showsRealOwners()) {
            return owner.unchangedBy(uid, gid) ? 0 : -Errno.EPERM;
        }
        return FuseCalls.run("chown", path, () -> {
            String p = paths.toCluster(path);
            stats.invalidate(p);
            client.setOwner(p, keep(uid), keep(gid), false); // the kernel resolved links: a link here is the target
            return 0;
        });
    }

    /**
     * Mounted as root (allow_other, default_permissions: the kernel checks modes), a new file,
     * directory, link or node gets the uid and gid of the process that made it, as locally. A mount
     * logged in to a cluster with users acts as its login user, who already owns what it creates.
     */
    int adopt(String path, ru.serce.jnrfuse.struct.FuseContext ctx) {
        if (!owner.showsRealOwners() || client.loginToken() != null) {
            return 0;
        }
        int uid = (int) ctx.uid.get();
        int gid = (int) ctx.gid.get();
        if (uid == 0 && gid == 0) {
            return 0;
        }
        return FuseCalls.run("chown", path, () -> {
            client.setOwner(paths.toCluster(path), uid, gid, false);
            return 0;
        });
    }

    /** (uid_t) -1 means "leave as is". */
    private static int keep(long id) {
        return id == -1 || id == 0xFFFFFFFFL ? -1 : (int) id;
    }
}
