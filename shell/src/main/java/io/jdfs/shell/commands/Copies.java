package io.jdfs.shell.commands;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.Session;
import io.jdfs.shell.ops.FileOps;
import io.jdfs.shell.ops.RemotePaths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Single files and whole trees, each file shown with its own progress bar and summary line. */
final class Copies {
    private Copies() {
    }

    static long put(Session s, Path local, String target, CreateOptions o, long limit) throws IOException {
        return FileOps.upload(s.client(), local, target, o, s.transfer(local.getFileName() + " -> " + target, limit));
    }

    static long get(Session s, FileStatus st, Path target, boolean force) throws IOException {
        return FileOps.download(s.client(), st, target, force, s.transfer(st.path() + " -> " + target, 0));
    }

    static long copy(Session s, FileStatus st, String target, boolean force) throws IOException {
        return FileOps.copy(s.client(), st, target, force, s.transfer(st.path() + " -> " + target, 0));
    }

    /** put -r: the local directory becomes {@code target}, created with everything below it. */
    static int putTree(Session s, Path dir, String target, CreateOptions o, long limit) throws IOException {
        DfsClient c = s.client();
        c.mkdirs(target);
        int files = 0;
        for (Path p : children(dir)) {
            String t = RemotePaths.child(target, p.getFileName().toString());
            if (Files.isDirectory(p)) {
                files += putTree(s, p, t, o, limit);
            } else {
                put(s, p, t, o, limit);
                files++;
            }
        }
        return files;
    }

    /** get -r: the remote directory becomes the local {@code target}. */
    static int getTree(Session s, String dir, Path target, boolean force) throws IOException {
        Files.createDirectories(target);
        int files = 0;
        for (FileStatus f : s.client().list(dir)) {
            Path t = target.resolve(f.name());
            if (f.isDirectory()) {
                files += getTree(s, f.path(), t, force);
            } else {
                get(s, f, FileOps.downloadTarget(target, t, f.name(), force), force);
                files++;
            }
        }
        return files;
    }

    /** cp -r inside the cluster. */
    static int copyTree(Session s, String dir, String target, boolean force) throws IOException {
        DfsClient c = s.client();
        c.mkdirs(target);
        int files = 0;
        for (FileStatus f : c.list(dir)) {
            String t = RemotePaths.child(target, f.name());
            if (f.isDirectory()) {
                files += copyTree(s, f.path(), t, force);
            } else {
                copy(s, f, t, force);
                files++;
            }
        }
        return files;
    }

    private static List<Path> children(Path dir) throws IOException {
        try (Stream<Path> st = Files.list(dir)) {
            return new ArrayList<>(st.sorted().toList());
        }
    }
}
