package io.jdfs.shell.ops;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.DfsPath;
import io.jdfs.protocol.FileStatus;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/** Remote path arguments: absolute, relative to a working directory, "DIR/" or an existing directory meaning "inside it". */
public final class RemotePaths {
    private RemotePaths() {
    }

    /** A path taken from the root: "a/b/" is "/a/b"; "." and ".." are refused (the one-shot commands' rule). */
    public static String normalize(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return DfsPath.of(path.startsWith("/") ? path : "/" + path).toString();
    }

    /** A path as typed in the shell: relative to {@code cwd}, with "." and ".." resolved (".." of the root is the root). */
    public static String resolve(String cwd, String path) {
        if (path == null || path.isEmpty()) {
            return normalize(cwd);
        }
        String full = path.startsWith("/") ? path : cwd + "/" + path;
        Deque<String> parts = new ArrayDeque<>();
        for (String part : full.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return DfsPath.of("/" + String.join("/", parts)).toString();
    }

    public static String child(String dir, String name) {
        return DfsPath.of(dir).child(name).toString();
    }

    public static String name(String path) {
        return DfsPath.of(path).name();
    }

    public static String parent(String path) {
        DfsPath p = DfsPath.of(path).parent();
        return p == null ? "/" : p.toString();
    }

    /** Where {@code name} lands when copied or moved to {@code target} (null: the root). */
    public static String into(DfsClient client, String target, String name) throws IOException {
        if (target == null) {
            return child("/", name);
        }
        return into(client, normalize(target), target.endsWith("/"), name);
    }

    /** As {@link #into(DfsClient, String, String)} for a target already resolved; {@code dirHint}: it was typed with a trailing slash. */
    public static String into(DfsClient client, String resolved, boolean dirHint, String name) throws IOException {
        if (dirHint) {
            return child(resolved, name);
        }
        FileStatus s = client.statOrNull(resolved);
        return s != null && s.isDirectory() ? child(resolved, name) : resolved;
    }
}
