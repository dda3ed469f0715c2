package io.jdfs.fuse;

import io.jdfs.client.DfsClient;
import io.jdfs.client.XattrMode;
import jnr.ffi.Pointer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * getxattr, setxattr, listxattr and removexattr on the cluster's extended attributes, with the
 * size protocol of the system calls: size 0 asks for the size, a buffer too small is ERANGE.
 */
final class XattrOps {
    private static final int XATTR_CREATE = 1;
    private static final int XATTR_REPLACE = 2;

    private final DfsClient client;
    private final FusePaths paths;
    private final StatCache stats;

    XattrOps(DfsClient client, FusePaths paths, StatCache stats) {
        this.client = client;
        this.paths = paths;
        this.stats = stats;
    }

    /**
     * Whether a path is known, from a listing less than the attribute timeout old, to have no
     * attributes: ls -l asks every entry for its ACL, and this answers without a round trip.
     */
    private boolean knownBare(String p) {
        io.jdfs.protocol.FileStatus s = stats.get(p);
        return s != null && !s.hasXattrs();
    }

    int get(String path, String name, Pointer value, long size) {
        return FuseCalls.run("getxattr", path, () -> {
            String p = paths.toCluster(path);
            if (knownBare(p)) {
                return -Errno.ENODATA;
            }
            byte[] v = client.xattrs(p).get(name);
            if (v == null) {
                return -Errno.ENODATA;
            }
            return copyOut(v, value, size);
        });
    }

    int list(String path, Pointer list, long size) {
        return FuseCalls.run("listxattr", path, () -> {
            ByteArrayOutputStream names = new ByteArrayOutputStream();
            String p = paths.toCluster(path);
            Map<String, byte[]> all = knownBare(p) ? Map.of() : client.xattrs(p);
            for (Map.Entry<String, byte[]> e : all.entrySet()) {
                names.writeBytes(e.getKey().getBytes(StandardCharsets.UTF_8));
                names.write(0);
            }
            return copyOut(names.toByteArray(), list, size);
        });
    }

    int set(String path, String name, Pointer value, long size, int flags) {
        return FuseCalls.run("setxattr", path, () -> {
            byte[] v = new byte[(int) size];
            value.get(0, v, 0, v.length);
            XattrMode mode = (flags & XATTR_CREATE) != 0 ? XattrMode.CREATE
                    : (flags & XATTR_REPLACE) != 0 ? XattrMode.REPLACE : XattrMode.SET;
            String p = paths.toCluster(path);
            stats.invalidate(p);
            client.setXattr(p, name, v, mode);
            return 0;
        });
    }

    int remove(String path, String name) {
        return FuseCalls.run("removexattr", path, () -> {
            String p = paths.toCluster(path);
            stats.invalidate(p);
            client.removeXattr(p, name);
            return 0;
        });
    }

    private static int copyOut(byte[] bytes, Pointer buf, long size) {
        if (size == 0) {
            return bytes.length;
        }
        if (size < bytes.length) {
            return -Errno.ERANGE;
        }
        buf.put(0, bytes, 0, bytes.length);
        return bytes.length;
    }
}
