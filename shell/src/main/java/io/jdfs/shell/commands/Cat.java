package io.jdfs.shell.commands;

import io.jdfs.client.DfsClient;
import io.jdfs.shell.Globs;
import io.jdfs.shell.ops.Printing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

@Command(name = "cat", description = "Print remote files (a file that looks binary only with --force on a terminal).")
public final class Cat extends Base {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Remote files, globs allowed")
    List<String> paths;

    @Option(names = {"-f", "--force"}, description = "Print binary files on a terminal too")
    boolean force;

    @Override
    protected void run() throws IOException {
        DfsClient c = client();
        OutputStream out = s.raw();
        for (String arg : paths) {
            for (String p : Globs.remote(c, s.cwd(), arg)) {
                Printing.cat(c, p, out, s.terminal() != null, force, s::cancelled);
            }
        }
        out.flush();
    }
}
