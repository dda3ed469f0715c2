package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.shell.ops.RemotePaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

/** {@code dfs client chgrp [-R] GROUP PATH...}. */
@Command(name = "chgrp", mixinStandardHelpOptions = true,
        description = "Change the group of files (a name of this machine's groups, or a number); an owner may pick one"
                + " of its own groups, root any.")
public final class ChgrpCommand extends ClientAction {
    @Option(names = {"-R", "--recursive"}, description = "Also everything below a directory")
    boolean recursive;

    @Parameters(index = "0", paramLabel = "GROUP", description = "New group")
    String group;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH", description = "Remote paths")
    List<String> paths;

    @Override
    protected int run(DfsClient c) throws IOException {
        int gid = Owners.group(group);
        for (String p : paths) {
            Owners.apply(c, c.stat(RemotePaths.normalize(p)), -1, gid, recursive);
        }
        return 0;
    }
}
