package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.ops.PathTest;
import io.jdfs.shell.ops.RemotePaths;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;

/** {@code dfs client test -e|-d|-f|-s|-z PATH}: as {@code hdfs dfs -test}, the answer is the exit status only. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Test a path; prints nothing. Exit status 0 when true, 1 when false (2 on a usage error)."})
public final class TestCommand extends ClientAction {
    @ArgGroup(multiplicity = "1")
    PathTest which;

    @Parameters(paramLabel = "PATH", description = "Remote path")
    String path;

    @Override
    protected int run(DfsClient c) throws IOException {
        FileStatus st = c.statOrNull(RemotePaths.normalize(path));
        boolean answer = which.holds(st);
        return answer ? 0 : 1;
    }
}
