package io.jdfs.shell.commands;

import io.jdfs.client.CreateOptions;
import io.jdfs.shell.Globs;
import io.jdfs.shell.ops.RemotePaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

@Command(name = "mput", description = "Upload every local file matching the patterns into the working directory.")
public final class Mput extends Base {
    @Option(names = {"-f", "--force"}, description = "Overwrite existing remote files")
    boolean force;

    @Parameters(paramLabel = "LOCAL", arity = "1..*", description = "Local files or globs (*.log, data/2024-*)")
    List<String> patterns;

    @Override
    protected void run() throws IOException {
        CreateOptions o = CreateOptions.defaults().withOverwrite(force);
        int n = 0;
        for (String pattern : patterns) {
            for (Path p : Globs.local(s.lcwd(), pattern)) {
                if (Files.isDirectory(p)) {
                    out().println("skipping directory " + p + " (use put -r)");
                    continue;
                }
                Copies.put(s, p, RemotePaths.child(s.cwd(), p.getFileName().toString()), o, 0);
                n++;
            }
        }
        out().printf("%d file%s uploaded%n", n, n == 1 ? "" : "s");
    }
}
