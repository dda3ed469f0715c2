package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.shell.ops.AppendArgs;
import io.jdfs.shell.ops.RemotePaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.nio.file.Path;

/** {@code dfs client append LOCAL REMOTE}: as {@code hdfs dfs -appendToFile}, {@code -} for standard input. */
@Command(name = "append", aliases = "appendToFile", mixinStandardHelpOptions = true,
        description = {"Append a local file, or standard input (-), to the end of a remote file (created when missing).",
                "Only the new bytes travel: the file is continued, not uploaded again."})
public final class AppendCommand extends ClientAction {
    @Mixin
    AppendArgs args;

    @Override
    protected int run(DfsClient c) throws IOException {
        args.run(c, Path::of, RemotePaths::normalize, System.in, () -> false);
        return 0;
    }
}
