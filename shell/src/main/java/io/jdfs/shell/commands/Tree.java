package io.jdfs.shell.commands;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.ops.CancelledException;
import io.jdfs.shell.ops.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

@Command(name = "tree", description = "Show a remote directory tree.")
public final class Tree extends Base {
    @Option(names = "-L", paramLabel = "LEVEL", description = "Descend at most LEVEL directories deep")
    int maxDepth = Integer.MAX_VALUE;

    @Option(names = "-s", description = "Show sizes")
    boolean sizes;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "Remote directory (default .)")
    String dir;

    private int dirs;
    private int files;

    @Override
    protected void run() throws IOException {
        dirs = 0;
        files = 0;
        FileStatus root = client().stat(s.remote(dir));
        out().println(Listing.name(s, root, dir == null ? "." : dir));
        if (root.isDirectory()) {
            walk(client(), root.path(), "", 1);
        }
        out().printf("%n%d director%s, %d file%s%n", dirs, dirs == 1 ? "y" : "ies", files, files == 1 ? "" : "s");
    }

    private void walk(DfsClient c, String path, String indent, int depth) throws IOException {
        if (s.cancelled()) {
            throw new CancelledException("tree");
        }
        List<FileStatus> entries = c.list(path);
        for (int i = 0; i < entries.size(); i++) {
            FileStatus f = entries.get(i);
            boolean last = i == entries.size() - 1;
            String size = sizes && !f.isDirectory() ? "[" + Format.humanShort(f.length()) + "]  " : "";
            out().println(indent + (last ? "└── " : "├── ") + size + Listing.name(s, f, f.name()));
            if (f.isDirectory()) {
                dirs++;
                if (depth < maxDepth) {
                    walk(c, f.path(), indent + (last ? "    " : "│   "), depth + 1);
                }
            } else {
                files++;
            }
        }
    }
}
