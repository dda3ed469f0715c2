package io.jdfs.shell.client;

import io.jdfs.client.DeleteResult;
import io.jdfs.client.DfsClient;
import io.jdfs.shell.ops.Failures;
import io.jdfs.shell.ops.RemotePaths;
import io.jdfs.shell.ops.FileOps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code dfs client delete REMOTE...}: several paths are deleted together (many requests in flight). */
@Command(name = "delete", aliases = "rm", mixinStandardHelpOptions = true,
        description = "Delete files, or directories (a non-empty one only with -r); -rf as rm. Several paths"
                + " are deleted together; each failure is reported and does not stop the others.")
public final class DeleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Parameters(arity = "1..*", paramLabel = "REMOTE", description = "Remote paths")
    List<String> remotes;

    @Option(names = {"-r", "-R", "--recursive"}, description = "Delete a directory with everything in it")
    boolean recursive;

    @Option(names = {"-f", "--force"}, description = "No error when a path does not exist (as rm -f)")
    boolean force;

    @Override
    public Integer call() throws IOException {
        List<String> paths = new ArrayList<>();
        for (String r : remotes) {
            paths.add(RemotePaths.normalize(r));
        }
        List<DeleteResult> results;
        try (DfsClient c = client.connect()) {
            results = c.deleteAll(paths, recursive);
        }
        List<String> problems = new ArrayList<>();
        for (DeleteResult r : results) {
            String problem = FileOps.deleteProblem(r, force);
            if (problem != null) {
                problems.add(problem);
            } else if (r.deleted()) {
                spec.commandLine().getOut().println("deleted " + r.path());
            }
        }
        if (results.size() == 1 && !problems.isEmpty()) { // one path: fails as before, the usual "dfs: ..." line
            IOException e = results.get(0).error();
            throw e != null && !(e instanceof io.jdfs.protocol.DirectoryNotEmptyException) ? e
                    : new io.jdfs.shell.ops.OpException(problems.get(0));
        }
        for (String p : problems) {
            spec.commandLine().getErr().println("dfs: " + Failures.oneLine(p));
        }
        return problems.isEmpty() ? 0 : 1;
    }
}
