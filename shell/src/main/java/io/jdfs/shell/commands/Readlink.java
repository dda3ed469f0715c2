package io.jdfs.shell.commands;

import io.jdfs.shell.ops.Links;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

@Command(name = "readlink", description = "Print the targets of symbolic links.")
public final class Readlink extends Base {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Remote symbolic links")
    List<String> paths;

    @Override
    protected void run() throws IOException {
        for (String p : paths) {
            out().println(Links.readLink(client(), s.remote(p)));
        }
    }
}
