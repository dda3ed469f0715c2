package io.jdfs.shell.commands;

import io.jdfs.shell.Globs;
import io.jdfs.shell.ops.StatPrinter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

@Command(name = "stat", description = "Attributes of remote paths; for a file each block and the servers holding its replicas.")
public final class Stat extends Base {
    @Option(names = {"-L", "--dereference"}, description = "Follow a final symbolic link (default: the link itself)")
    boolean follow;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Remote paths, globs allowed")
    List<String> paths;

    @Override
    protected void run() throws IOException {
        boolean first = true;
        for (String arg : paths) {
            for (String p : Globs.remote(client(), s.cwd(), arg)) {
                if (!first) {
                    out().println();
                }
                first = false;
                StatPrinter.print(client(), p, follow, out());
            }
        }
    }
}
