package io.jdfs.shell.commands;

import io.jdfs.client.DfsClient;
import io.jdfs.shell.Globs;
import io.jdfs.shell.ops.FileOps;
import io.jdfs.shell.ops.OpException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

@Command(name = "rm", aliases = "del", description = "Delete remote files (and, with -r, directories with their contents).")
public final class Rm extends Base {
    @Option(names = {"-r", "-R", "--recursive"}, description = "Delete directories with everything in them")
    boolean recursive;

    @Option(names = {"-f", "--force"}, description = "No error for paths that do not exist")
    boolean force;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Remote paths, globs allowed")
    List<String> paths;

    @Override
    protected void run() throws IOException {
        DfsClient c = client();
        for (String arg : paths) {
            List<String> matches;
            try {
                matches = Globs.remote(c, s.cwd(), arg);
            } catch (OpException noMatch) {
                if (force) {
                    continue;
                }
                throw noMatch;
            }
            for (String p : matches) {
                if (p.equals("/")) {
                    throw new OpException("refusing to delete the root directory");
                }
                if (!force || c.exists(p)) {
                    FileOps.delete(c, p, recursive);
                }
            }
        }
    }
}
