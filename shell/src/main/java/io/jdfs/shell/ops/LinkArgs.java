package io.jdfs.shell.ops;

import io.jdfs.client.DfsClient;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.function.UnaryOperator;

/** The words of {@code ln [-s] [-f] TARGET LINK}: one mixin for the shell and {@code dfs client}. */
public final class LinkArgs {
    @Option(names = {"-s", "--symbolic"}, description = "A symbolic link holding TARGET as given, not a hard link")
    boolean symbolic;

    @Option(names = {"-f", "--force"}, description = "Replace an existing LINK (never a directory)")
    boolean force;

    @Parameters(index = "0", paramLabel = "TARGET", description = "What the link names (a symbolic link's target"
            + " may be relative to the link's directory, and need not exist)")
    String target;

    @Parameters(index = "1", paramLabel = "LINK", description = "The new name; a directory: the link goes inside it")
    String link;

    /** Makes the link; {@code resolve} turns a typed path into a remote one. Returns the path made. */
    public String run(DfsClient c, UnaryOperator<String> resolve) throws IOException {
        String t = symbolic ? target : resolve.apply(target);
        return Links.link(c, t, resolve.apply(link), symbolic, force);
    }
}
