package io.jdfs.shell.commands;

import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.Globs;
import io.jdfs.shell.client.Modes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

@Command(name = "chmod", description = "Change permission bits: octal (644) or symbolic (u+x, go-w, a=rX).")
public final class Chmod extends Base {
    @Option(names = {"-R", "--recursive"}, description = "Also everything below a directory")
    boolean recursive;

    @Parameters(index = "0", paramLabel = "MODE", description = "Octal or symbolic mode")
    String mode;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH", description = "Remote paths, globs allowed")
    List<String> paths;

    @Override
    protected void run() throws IOException {
        Modes.apply(mode, 0, false);
        for (String arg : paths) {
            for (String p : Globs.remote(client(), s.cwd(), arg)) {
                chmod(client().stat(p));
            }
        }
    }

    private void chmod(FileStatus st) throws IOException {
        client().setMode(st.path(), Modes.apply(mode, st.mode(), st.isDirectory()));
        if (recursive && st.isDirectory()) {
            for (FileStatus f : client().list(st.path())) {
                chmod(f);
            }
        }
    }
}
