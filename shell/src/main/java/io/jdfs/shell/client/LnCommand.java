package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.shell.ops.LinkArgs;
import io.jdfs.shell.ops.RemotePaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;

/** {@code dfs client ln [-s] [-f] TARGET LINK}: as ln(1). */
@Command(name = "ln", mixinStandardHelpOptions = true,
        description = {"Make a hard link (another name for the same file), or with -s a symbolic link.",
                "A symbolic link's TARGET is kept as given: relative to the link's directory unless it starts with /."})
public final class LnCommand extends ClientAction {
    @Mixin
    LinkArgs args;

    @Override
    protected int run(DfsClient c) throws IOException {
        args.run(c, RemotePaths::normalize);
        return 0;
    }
}
