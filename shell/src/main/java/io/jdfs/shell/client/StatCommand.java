package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.shell.ops.RemotePaths;
import io.jdfs.shell.ops.StatPrinter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code dfs client stat PATH}: attributes, and for a file each block with where its replicas are. */
@Command(name = "stat", mixinStandardHelpOptions = true,
        description = "Show a file's or directory's attributes; for a file, each block and its replica locations.")
public final class StatCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Option(names = {"-L", "--dereference"}, description = "Follow a final symbolic link (default: the link itself)")
    boolean follow;

    @Parameters(index = "0", paramLabel = "PATH", description = "Remote path")
    String path;

    @Override
    public Integer call() throws IOException {
        String p = RemotePaths.normalize(path);
        PrintWriter out = spec.commandLine().getOut();
        try (DfsClient c = client.connect()) {
            StatPrinter.print(c, p, follow, out);
        }
        return 0;
    }
}
