package io.jdfs.shell.ops;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.PathNotFoundException;

import java.io.IOException;

/** ln and readlink for the shell and {@code dfs client}, as coreutils has them. */
public final class Links {
    private Links() {
    }

    /**
     * Makes {@code link} a hard link to {@code target} (a resolved path), or with {@code symbolic} a symbolic
     * link holding {@code target} as given (relative targets are relative to the link's directory). A
     * {@code link} naming a directory gets the link inside it, under the target's name. An existing name is
     * replaced only with {@code force}, and never a directory. Returns the path made.
     */
    public static String link(DfsClient c, String target, String link, boolean symbolic, boolean force)
            throws IOException {
        String made = link;
        FileStatus there = c.statOrNull(link);
        if (there != null && there.isDirectory()) {
            made = RemotePaths.child(link, lastName(target));
        }
        FileStatus existing = linkStatusOrNull(c, made);
        if (existing != null) {
            if (!force) {
                throw new OpException(made + ": already exists (-f replaces it)");
            }
            if (existing.isDirectory()) {
                throw new OpException(made + ": is a directory, not replacing it");
            }
            c.delete(made, false);
        }
        if (symbolic) {
            c.symlink(target, made);
        } else {
            c.link(target, made);
        }
        return made;
    }

    /** readlink: a symbolic link's target as stored; a clear error for anything else. */
    public static String readLink(DfsClient c, String path) throws IOException {
        return c.readLink(path);
    }

    static FileStatus linkStatusOrNull(DfsClient c, String path) throws IOException {
        try {
            return c.linkStatus(path);
        } catch (PathNotFoundException e) {
            return null;
        }
    }

    private static String lastName(String target) {
        String t = target;
        while (t.length() > 1 && t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        int slash = t.lastIndexOf('/');
        String name = slash < 0 ? t : t.substring(slash + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("cannot name a link after '" + target + "': give the link's full name");
        }
        return name;
    }
}
