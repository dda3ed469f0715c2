package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.shell.ops.RemotePaths;
import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.ops.LongFormat;
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
public final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "Directory or file (default /)")
    String path;

    @Option(names = "-l", description = "Long format: mode, links, owner, group, size, time, name (-> target for a symbolic link)")
    boolean longFormat;

    @Option(names = {"-a", "--all"}, description = "Also entries whose names start with '.' (upload temporaries among them)")
    boolean all;

    @Override
    public Integer call() throws IOException {
        String p = RemotePaths.normalize(path);
        PrintWriter out = spec.commandLine().getOut();
        try (DfsClient c = client.connect()) {
            Iterator<FileStatus> it = c.listIterator(p);
            while (it.hasNext()) {
                FileStatus f = it.next();
                if (all || !f.name().startsWith(".")) {
                    out.println(LongFormat.listLine(f, longFormat));
                }
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        return 0;
    }
}
