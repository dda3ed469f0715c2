package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.shell.ops.RemotePaths;
import io.jdfs.shell.ops.FileOps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code dfs client delete REMOTE}. */
@Command(name = "delete", aliases = "rm", mixinStandardHelpOptions = true,
        description = "Delete a file, or a directory (a non-empty one only with -r); -rf as rm.")
public final class DeleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "REMOTE", description = "Remote path")
    String remote;

    @Option(names = {"-r", "-R", "--recursive"}, description = "Delete a directory with everything in it")
    boolean recursive;

    @Option(names = {"-f", "--force"}, description = "No error when the path does not exist (as rm -f)")
    boolean force;

    @Override
    public Integer call() throws IOException {
        String p = RemotePaths.normalize(remote);
        try (DfsClient c = client.connect()) {
            if (force && c.statOrNull(p) == null) {
                return 0;
            }
            FileOps.delete(c, p, recursive);
        }
        spec.commandLine().getOut().println("deleted " + p);
        return 0;
    }
}
