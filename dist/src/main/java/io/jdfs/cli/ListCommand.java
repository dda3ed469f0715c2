package io.jdfs.cli;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.concurrent.Callable;

/** {@code dfs client list [PATH]}: one line per entry. */
@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
        description = "List a directory, one line per entry: type, size, modification time, name.")
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "Directory or file (default /)")
    String path;

    @Option(names = "-l", description = "Long format: mode, replication, owner, size, time, name")
    boolean longFormat;

    @Override
    public Integer call() throws IOException {
        String p = RemotePaths.normalize(path);
        PrintWriter out = spec.commandLine().getOut();
        try (DfsClient c = client.connect()) {
            Iterator<FileStatus> it = c.listIterator(p);
            while (it.hasNext()) {
                out.println(line(it.next()));
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        return 0;
    }

    private String line(FileStatus s) {
        String time = Format.time(s.mtimeNanos());
        if (longFormat) {
            return String.format("%s %2s %5d %5d %12d  %s  %s", Format.mode(s), s.isDirectory() ? "-" : s.replication(),
                    s.uid(), s.gid(), s.length(), time, s.name());
        }
        return String.format("%-4s %12d  %s  %s", Format.type(s), s.length(), time, s.name());
    }
}
