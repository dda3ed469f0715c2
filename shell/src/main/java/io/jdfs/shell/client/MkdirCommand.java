package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.shell.ops.RemotePaths;
import io.jdfs.shell.ops.FileOps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code dfs client mkdir PATH}. */
@Command(name = "mkdir", mixinStandardHelpOptions = true,
        description = "Create a directory and any missing parents (fine when it exists).")
public final class MkdirCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "PATH", description = "Remote directory")
    String path;

    @Override
    public Integer call() throws IOException {
        String p = RemotePaths.normalize(path);
        try (DfsClient c = client.connect()) {
            FileOps.mkdir(c, p, true);
        }
        spec.commandLine().getOut().println("created " + p);
        return 0;
    }
}
