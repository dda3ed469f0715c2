package io.jdfs.fuse;

import io.jdfs.client.DfsClient;
import io.jdfs.client.XattrMode;
import io.jdfs.protocol.AccessDeniedException;
import io.jdfs.protocol.FileStatus;

import java.io.IOException;
import java.util.Map;

/**
 * What a file keeps when its content is replaced by a new version (a truncate, or a rewrite committed
 * through a temporary): its owner and its extended attributes, as a local file keeps them when written.
 */
record Identity(FileStatus status, Map<String, byte[]> xattrs) {
    private static final Identity NONE = new Identity(null, Map.of());

    static Identity of(DfsClient client, String path) throws IOException {
        FileStatus s = client.statOrNull(path);
        return s == null ? NONE : new Identity(s, client.xattrs(path));
    }

    void restore(DfsClient client, String path) throws IOException {
        if (status == null) {
            return;
        }
        FileStatus now = client.statOrNull(path);
        if (now != null && (now.uid() != status.uid() || now.gid() != status.gid())) {
            try {
                client.setOwner(path, status.uid(), status.gid(), false);
            } catch (AccessDeniedException notRoot) {
                // a mount by a normal user cannot give files away; they show as the user's anyway
            }
        }
        for (Map.Entry<String, byte[]> e : xattrs.entrySet()) {
            client.setXattr(path, e.getKey(), e.getValue(), XattrMode.SET);
        }
    }
}
