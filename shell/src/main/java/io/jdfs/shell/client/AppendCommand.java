package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.shell.ops.FileEdits;
import io.jdfs.shell.ops.RemotePaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;

/** {@code dfs client append LOCAL REMOTE}: as {@code hdfs dfs -appendToFile}, {@code -} for standard input. */
@Command(name = "append", aliases = "appendToFile", mixinStandardHelpOptions = true,
        description = {"Append a local file, or standard input (-), to the end of a remote file (created when missing).",
                "Only the new bytes travel: the file is continued, not uploaded again."})
public final class AppendCommand extends ClientAction {
    @Parameters(index = "0", paramLabel = "LOCAL", description = "Local file, or - for standard input")
    String local;

    @Parameters(index = "1", paramLabel = "REMOTE", description = "Remote file")
    String remote;

    @Override
    protected int run(DfsClient c) throws IOException {
        String to = RemotePaths.normalize(remote);
        if (local.equals("-")) {
            FileEdits.append(c, System.in, to, () -> false);
        } else {
            FileEdits.appendFile(c, Path.of(local), to, () -> false);
        }
        return 0;
    }
}
