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

/** {@code dfs client mv SRC DST}: an atomic rename on the name server. */
@Command(name = "mv", aliases = "move", mixinStandardHelpOptions = true,
        description = "Rename or move a file or directory (atomically). DST ending in / or naming a directory"
                + " moves SRC inside it.")
public final class MoveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "SRC", description = "Remote source")
    String source;

    @Parameters(index = "1", paramLabel = "DST", description = "Remote destination")
    String target;

    @Option(names = {"-f", "--force"}, description = "Replace an existing file (or empty directory) at DST")
    boolean force;

    @Override
    public Integer call() throws IOException {
        String src = RemotePaths.normalize(source);
        if (src.equals("/")) {
            throw new io.jdfs.shell.ops.OpException("cannot move the root directory");
        }
        String dst;
        try (DfsClient c = client.connect()) {
            c.stat(src);
            dst = FileOps.move(c, src, RemotePaths.into(c, target, RemotePaths.name(src)), force);
        }
        spec.commandLine().getOut().println("moved " + src + " -> " + dst);
        return 0;
    }
}
