package io.jdfs.shell.commands;

import io.jdfs.shell.Globs;
import io.jdfs.shell.client.Owners;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

@Command(name = "chown", description = "Change owner and group: OWNER, OWNER:GROUP or :GROUP (names or numbers; only root gives files away).")
public final class Chown extends Base {
    @Option(names = {"-R", "--recursive"}, description = "Also everything below a directory")
    boolean recursive;

    @Parameters(index = "0", paramLabel = "OWNER[:GROUP]", description = "New owner, and group")
    String owner;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH", description = "Remote paths, globs allowed")
    List<String> paths;

    @Override
    protected void run() throws IOException {
        int[] ids = Owners.parseOwner(owner);
        for (String arg : paths) {
            for (String p : Globs.remote(client(), s.cwd(), arg)) {
                Owners.apply(client(), client().stat(p), ids[0], ids[1], recursive);
            }
        }
    }
}
