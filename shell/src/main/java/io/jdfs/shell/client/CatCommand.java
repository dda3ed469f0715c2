package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.shell.ops.Printing;
import io.jdfs.shell.ops.RemotePaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

/** {@code dfs client cat PATH...}: the bytes only on standard output (as cat and {@code hdfs dfs -cat}). */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = {"Write remote files to standard output, one after the other.",
                "A file that looks binary is refused when standard output is a terminal (--force prints it)."})
public final class CatCommand extends ClientAction {
    @Option(names = {"-f", "--force"}, description = "Print binary files on a terminal too")
    boolean force;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Remote files")
    List<String> paths;

    @Override
    protected int run(DfsClient c) throws IOException {
        boolean terminal = System.console() != null;
        return StandardOutput.open().run(out -> {
            for (String p : paths) {
                Printing.cat(c, RemotePaths.normalize(p), out, terminal, force, () -> false);
            }
        });
    }
}
