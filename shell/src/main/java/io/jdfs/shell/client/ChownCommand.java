package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.shell.ops.RemotePaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

/** {@code dfs client chown [-R] OWNER[:GROUP] PATH...}: only the superuser gives a file away (the name server checks). */
@Command(name = "chown", mixinStandardHelpOptions = true,
        description = {"Change the owner (and group) of files: OWNER, OWNER:GROUP, OWNER: or :GROUP, names of this"
                + " machine's users and groups or numbers.", "Only root gives a file away; an owner may change its"
                + " group to one of its own groups."})
public final class ChownCommand extends ClientAction {
    @Option(names = {"-R", "--recursive"}, description = "Also everything below a directory")
    boolean recursive;

    @Parameters(index = "0", paramLabel = "OWNER[:GROUP]", description = "New owner, and group")
    String owner;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH", description = "Remote paths")
    List<String> paths;

    @Override
    protected int run(DfsClient c) throws IOException {
        int[] ids = Owners.parseOwner(owner);
        for (String p : paths) {
            Owners.apply(c, c.stat(RemotePaths.normalize(p)), ids[0], ids[1], recursive);
        }
        return 0;
    }
}
