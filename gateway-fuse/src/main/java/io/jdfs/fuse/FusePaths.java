package io.jdfs.fuse;

import java.util.UUID;

/**
 * Paths as the kernel sends them ("/a/b", relative to the mount point) mapped into the cluster's
 * namespace below a root directory, and the names of the temporary files a rewrite commits through.
 */
public final class FusePaths {
    /** Prefix of the temporary file a rewrite is uploaded to before it is renamed over the original. */
    static final String TEMP_PREFIX = ".jdfs-fuse-";
    static final String TEMP_SUFFIX = ".tmp";

    private final String root;

    /** @param root the cluster directory shown at the mount point ("/" for the whole namespace) */
    public FusePaths(String root) {
        if (root == null || root.isEmpty() || root.charAt(0) != '/') {
            throw new IllegalArgumentException("the root must be an absolute cluster path: " + root);
        }
        String r = root;
        while (r.length() > 1 && r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        this.root = r;
    }

    public String root() {
        return root;
    }

    /** The cluster path of a path inside the mount. */
    public String toCluster(String fusePath) {
        if (fusePath == null || fusePath.isEmpty() || fusePath.equals("/")) {
            return root;
        }
        String p = fusePath.charAt(0) == '/' ? fusePath : "/" + fusePath;
        return root.equals("/") ? p : root + p;
    }

    /** The parent of a cluster path ("/" for top-level entries and the root itself). */
    public static String parent(String clusterPath) {
        int slash = clusterPath.lastIndexOf('/');
        return slash <= 0 ? "/" : clusterPath.substring(0, slash);
    }

    public static String name(String clusterPath) {
        return clusterPath.substring(clusterPath.lastIndexOf('/') + 1);
    }

    /** A fresh temporary sibling of a file, hidden from listings through the mount. */
    public static String tempSibling(String clusterPath) {
        String dir = parent(clusterPath);
        String base = name(clusterPath);
        // keep the whole temp name within 255 bytes whatever the original length
        if (base.length() > 180) {
            base = base.substring(0, 180);
        }
        String tmp = TEMP_PREFIX + base + "." + UUID.randomUUID().toString().substring(0, 8) + TEMP_SUFFIX;
        return dir.equals("/") ? "/" + tmp : dir + "/" + tmp;
    }

    /** Whether a directory entry is one of our in-flight temporaries (listings skip it). */
    public static boolean isTemp(String name) {
        return name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX);
    }
}
