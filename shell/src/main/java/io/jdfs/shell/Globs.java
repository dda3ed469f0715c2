package io.jdfs.shell;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.ops.OpException;
import io.jdfs.shell.ops.RemotePaths;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/** Expands '*', '?', '[...]' and '{a,b}' in remote and local paths, one path component at a time. */
public final class Globs {
    private Globs() {
    }

    public static boolean isGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }

    private static PathMatcher matcher(String pattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }

    /** The remote paths a pattern (absolute or relative to {@code cwd}) names, sorted; no match is an error. */
    public static List<String> remote(DfsClient c, String cwd, String pattern) throws IOException {
        String resolved = RemotePaths.resolve(cwd, pattern);
        if (!isGlob(pattern)) {
            return List.of(resolved);
        }
        if (c.statOrNull(resolved) != null) {
            return List.of(resolved); // a name with glob characters in it, as completion inserts it
        }
        List<String> current = List.of("/");
        String[] parts = resolved.substring(1).split("/");
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            List<String> next = new ArrayList<>();
            for (String dir : current) {
                if (!isGlob(parts[i])) {
                    String p = RemotePaths.child(dir, parts[i]);
                    FileStatus s = c.statOrNull(p);
                    if (s != null && (last || s.isDirectory())) {
                        next.add(p);
                    }
                    continue;
                }
                PathMatcher m = matcher(parts[i]);
                for (FileStatus s : c.list(dir)) {
                    if (m.matches(Path.of(s.name())) && (last || s.isDirectory())) {
                        next.add(s.path());
                    }
                }
            }
            current = next;
        }
        if (current.isEmpty()) {
            throw new OpException(pattern + ": no match");
        }
        return current.stream().sorted().toList();
    }

    /** The local paths a pattern (absolute or relative to {@code cwd}) names, sorted; no match is an error. */
    public static List<Path> local(Path cwd, String pattern) throws IOException {
        Path full = cwd.resolve(pattern).normalize();
        if (!isGlob(pattern)) {
            return List.of(full);
        }
        Path root = full.getRoot() == null ? cwd : full.getRoot();
        List<Path> current = List.of(root);
        for (int i = 0; i < full.getNameCount(); i++) {
            String part = full.getName(i).toString();
            boolean last = i == full.getNameCount() - 1;
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (!isGlob(part)) {
                    Path p = dir.resolve(part);
                    if (Files.exists(p) && (last || Files.isDirectory(p))) {
                        next.add(p);
                    }
                    continue;
                }
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                PathMatcher m = matcher(part);
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                    for (Path p : ds) {
                        if (m.matches(p.getFileName()) && (last || Files.isDirectory(p))) {
                            next.add(p);
                        }
                    }
                }
            }
            current = next;
        }
        if (current.isEmpty()) {
            throw new OpException(pattern + ": no match");
        }
        return current.stream().sorted().toList();
    }
}
