package io.jdfs.shell.commands;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.ops.CancelledException;
import io.jdfs.shell.ops.OpException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;

@Command(name = "find", description = "List every path below a remote directory, optionally by name and type.")
public final class Find extends Base {
    @Option(names = "-name", paramLabel = "GLOB", description = "Only names matching GLOB (quote it: -name '*.log')")
    String name;

    @Option(names = "-type", paramLabel = "f|d", description = "Only files (f) or directories (d)")
    String type;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "Remote directory (default .)")
    String dir;

    private PathMatcher matcher;

    @Override
    protected void run() throws IOException {
        if (type != null && !type.equals("f") && !type.equals("d")) {
            throw new OpException("-type takes f (files) or d (directories), not '" + type + "'");
        }
        matcher = name == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + name);
        FileStatus root = client().stat(s.remote(dir));
        print(root);
        if (root.isDirectory()) {
            walk(client(), root.path());
        }
    }

    private void walk(DfsClient c, String path) throws IOException {
        if (s.cancelled()) {
            throw new CancelledException("find");
        }
        for (FileStatus f : c.list(path)) {
            print(f);
            if (f.isDirectory()) {
                walk(c, f.path());
            }
        }
    }

    private void print(FileStatus f) {
        boolean typeOk = type == null || (type.equals("d") == f.isDirectory());
        boolean nameOk = matcher == null || (!f.path().equals("/") && matcher.matches(Path.of(f.name())));
        if (typeOk && nameOk) {
            out().println(f.path());
        }
    }
}
