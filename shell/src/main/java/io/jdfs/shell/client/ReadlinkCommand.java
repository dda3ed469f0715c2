package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.shell.ops.Links;
import io.jdfs.shell.ops.RemotePaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

/** {@code dfs client readlink PATH...}: as readlink(1), one target a line. */
@Command(name = "readlink", mixinStandardHelpOptions = true, description = "Print the targets of symbolic links.")
public final class ReadlinkCommand extends ClientAction {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Remote symbolic links")
    List<String> paths;

    @Override
    protected int run(DfsClient c) throws IOException {
        for (String p : paths) {
            out().println(Links.readLink(c, RemotePaths.normalize(p)));
        }
        out().flush();
        return 0;
    }
}
