package io.jdfs.shell.ops;

import io.jdfs.client.DfsClient;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** The words of {@code append LOCAL REMOTE} (hdfs dfs -appendToFile): one mixin for the shell and {@code dfs client}. */
public final class AppendArgs {
    @Parameters(index = "0", paramLabel = "LOCAL", description = "Local file, or - for standard input (dfs client only)")
    String local;

    @Parameters(index = "1", paramLabel = "REMOTE", description = "Remote file")
    String remote;

    /**
     * Appends and returns the remote path and the bytes appended; {@code stdin} null means the front end has
     * no standard input to give (the shell reads its commands from it).
     */
    public Appended run(DfsClient c, Function<String, Path> localPath, UnaryOperator<String> remotePath,
                        InputStream stdin, BooleanSupplier cancelled) throws IOException {
        String to = remotePath.apply(remote);
        if (!local.equals("-")) {
            return new Appended(to, FileEdits.appendFile(c, localPath.apply(local), to, cancelled));
        }
        if (stdin == null) {
            throw new OpException("the shell reads its own commands from standard input: use dfs client append - REMOTE");
        }
        return new Appended(to, FileEdits.append(c, stdin, to, cancelled));
    }

    /** What an append did, as the shell reports it. */
    public record Appended(String path, long bytes) {
        @Override
        public String toString() {
            return "appended " + bytes + " bytes to " + path;
        }
    }
}
