package io.jdfs.shell.commands;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.Globs;
import io.jdfs.shell.ops.FileOps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

@Command(name = "mget", description = "Download every remote file matching the patterns into the local working directory.")
public final class Mget extends Base {
    @Option(names = {"-f", "--force"}, description = "Overwrite existing local files")
    boolean force;

    @Parameters(paramLabel = "REMOTE", arity = "1..*", description = "Remote files or globs (*.log, logs/2024-*)")
    List<String> patterns;

    @Override
    protected void run() throws IOException {
        DfsClient c = client();
        int n = 0;
        for (String pattern : patterns) {
            for (String p : Globs.remote(c, s.cwd(), pattern)) {
                FileStatus st = c.stat(p);
                if (st.isDirectory()) {
                    out().println("skipping directory " + p + " (use get -r)");
                    continue;
                }
                Copies.get(s, st, FileOps.downloadTarget(s.lcwd(), null, st.name(), force), force);
                n++;
            }
        }
        out().printf("%d file%s downloaded%n", n, n == 1 ? "" : "s");
    }
}
