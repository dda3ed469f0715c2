package io.jdfs.shell.commands;

import io.jdfs.shell.Globs;
import io.jdfs.shell.client.ChecksumCommand;
import io.jdfs.shell.ops.FileOps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

@Command(name = "checksum", aliases = "sha256sum", description = "SHA-256 of files' content (as sha256sum; comparable across clusters).")
public final class Checksum extends Base {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Remote files, globs allowed")
    List<String> paths;

    @Override
    protected void run() throws IOException {
        for (String arg : paths) {
            for (String p : Globs.remote(client(), s.cwd(), arg)) {
                FileOps.readableFile(client(), p, " (checksum reads files)");
                out().println(ChecksumCommand.sha256(client(), p) + "  " + p);
            }
        }
    }
}
