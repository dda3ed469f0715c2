package io.jdfs.cli;

import io.jdfs.client.DfsClient;
import io.jdfs.common.DfsPath;
import io.jdfs.protocol.FileStatus;

import java.io.IOException;

/** Remote path arguments: relative ones are taken from the root, "DIR/" or an existing directory means "inside it". */
final class RemotePaths {
    private RemotePaths() {
    }

    static String normalize(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return DfsPath.of(path.startsWith("/") ? path : "/" + path).toString();
    }

    static String child(String dir, String name) {
        return DfsPath.of(dir).child(name).toString();
    }

    static String name(String path) {
        return DfsPath.of(path).name();
    }

    /** Where {@code name} lands when copied or moved to {@code target} (null: the root). */
    static String into(DfsClient client, String target, String name) throws IOException {
        if (target == null) {
            return child("/", name);
        }
        String p = normalize(target);
        if (target.endsWith("/")) {
            return child(p, name);
        }
        FileStatus s = client.statOrNull(p);
        return s != null && s.isDirectory() ? child(p, name) : p;
    }
}
