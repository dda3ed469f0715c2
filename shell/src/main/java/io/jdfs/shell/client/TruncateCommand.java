package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.shell.ops.RemotePaths;
import io.jdfs.shell.ops.TruncateArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

/** {@code dfs client truncate -s SIZE [-c] PATH...}: as truncate(1). */
@Command(name = "truncate", mixinStandardHelpOptions = true,
        description = "Shrink or extend files to a size (a grown part reads as zeros and takes no space).")
public final class TruncateCommand extends ClientAction {
    @Mixin
    TruncateArgs args;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Remote files (missing ones are created unless -c)")
    List<String> paths;

    @Override
    protected int run(DfsClient c) throws IOException {
        for (String p : paths) {
            args.apply(c, RemotePaths.normalize(p));
        }
        return 0;
    }
}
