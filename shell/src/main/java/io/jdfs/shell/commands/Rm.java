package io.jdfs.shell.commands;

import io.jdfs.client.DfsClient;
import io.jdfs.shell.Globs;
import io.jdfs.shell.ops.FileOps;
import io.jdfs.shell.ops.OpException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * rm: every path the arguments name (globs expanded) is deleted in one go, several requests in flight
 * ({@link DfsClient#deleteAll}); each failure is its own line and does not stop the others (as rm does).
 */
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
        List<String> targets = new ArrayList<>();
        for (String arg : paths) {
            try {
                for (String p : Globs.remote(c, s.cwd(), arg)) {
                    if (p.equals("/")) {
                        fail("refusing to delete the root directory");
                    } else {
                        targets.add(p);
                    }
                }
            } catch (OpException noMatch) {
                if (!force) {
                    fail(noMatch.getMessage());
                }
            }
        }
        for (var r : c.deleteAll(targets, recursive)) {
            if (r.error() != null && io.jdfs.shell.ops.Failures.isConnectionLost(r.error())) {
                throw r.error(); // once, with the shell's advice, not once per path
            }
            String problem = FileOps.deleteProblem(r, force);
            if (problem != null) {
                fail(problem);
            }
        }
    }

    private void fail(String message) {
        s.err().println("rm: " + message);
        status = 1;
    }
}
