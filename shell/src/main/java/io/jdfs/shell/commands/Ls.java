package io.jdfs.shell.commands;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.Globs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "ls", aliases = {"dir", "list"}, description = "List remote files and directories (default: the working directory); -la, -lh, -R...")
public final class Ls extends Base {
    @Option(names = "-l", description = "Long format: mode, links, owner, group, size, time, name (-> target for a symbolic link)")
    boolean longFormat;

    @Option(names = "-h", description = "Human-readable sizes (1.5K, 12M, 3.2G)")
    boolean human;

    @Option(names = {"-a", "--all"}, description = "Also entries whose names start with '.' (upload temporaries among them)")
    boolean all;

    @Option(names = "-d", description = "List directories themselves, not their contents")
    boolean directoryItself;

    @Option(names = "-R", description = "List subdirectories recursively")
    boolean recursive;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Remote paths, globs allowed")
    List<String> paths;

    private boolean first;

    @Override
    protected void run() throws IOException {
        DfsClient c = client();
        List<FileStatus> files = new ArrayList<>();
        Map<FileStatus, String> shown = new IdentityHashMap<>();
        List<String> dirs = new ArrayList<>();
        for (String arg : paths == null ? List.of(".") : paths) {
            String typedDir = arg.contains("/") ? arg.substring(0, arg.lastIndexOf('/') + 1) : "";
            for (String p : Globs.remote(c, s.cwd(), arg)) {
                // as coreutils: a symbolic link given by name is followed, except for -l and -d
                FileStatus st = longFormat || directoryItself ? c.linkStatus(p) : c.stat(p);
                if (st.isDirectory() && !directoryItself) {
                    dirs.add(p);
                } else {
                    // as ls: a file argument is shown with its directory as typed (ls ../*.jpg shows ../a.jpg)
                    files.add(st);
                    shown.put(st, Globs.isGlob(typedDir) ? p : typedDir + st.name());
                }
            }
        }
        Listing.print(s, files, longFormat, human, f -> shown.getOrDefault(f, f.name()));
        first = files.isEmpty();
        boolean headers = recursive || dirs.size() + (files.isEmpty() ? 0 : 1) > 1;
        for (String d : dirs) {
            list(c, d, headers);
        }
    }

    private void list(DfsClient c, String dir, boolean header) throws IOException {
        if (s.cancelled()) {
            return;
        }
        if (header) {
            out().println((first ? "" : "\n") + dir + ":");
        }
        first = false;
        List<FileStatus> entries = c.list(dir).stream().filter(f -> all || !f.name().startsWith(".")).toList();
        Listing.print(s, entries, longFormat, human, FileStatus::name);
        if (recursive) {
            for (FileStatus f : entries) {
                if (f.isDirectory()) {
                    list(c, f.path(), true);
                }
            }
        }
    }
}
