package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.ops.RemotePaths;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;

/** {@code dfs client test -e|-d|-f|-s|-z PATH}: as {@code hdfs dfs -test}, the answer is the exit status only. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Test a path; prints nothing. Exit status 0 when true, 1 when false (2 on a usage error)."})
public final class TestCommand extends ClientAction {
    @ArgGroup(multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "-e", description = "The path exists")
        boolean exists;
        @Option(names = "-d", description = "The path is a directory")
        boolean directory;
        @Option(names = "-f", description = "The path is a file")
        boolean file;
        @Option(names = "-s", description = "The path is a file of at least one byte")
        boolean nonEmpty;
        @Option(names = "-z", description = "The path is a file of zero bytes")
        boolean empty;
    }

    @Parameters(paramLabel = "PATH", description = "Remote path")
    String path;

    @Override
    protected int run(DfsClient c) throws IOException {
        FileStatus st = c.statOrNull(RemotePaths.normalize(path));
        boolean answer = st != null && (which.exists || (which.directory && st.isDirectory())
                || (which.file && !st.isDirectory()) || (which.nonEmpty && !st.isDirectory() && st.length() > 0)
                || (which.empty && !st.isDirectory() && st.length() == 0));
        return answer ? 0 : 1;
    }
}
