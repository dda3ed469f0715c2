package io.jdfs.shell.commands;

import io.jdfs.shell.ops.AppendArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;

@Command(name = "append", aliases = "appendToFile",
        description = "Append a local file to the end of a remote one (created when missing), as hdfs dfs -appendToFile.")
public final class Append extends Base {
    @Mixin
    AppendArgs args;

    @Override
    protected void run() throws IOException {
        out().println(args.run(client(), s::local, s::remote, null, s::cancelled));
    }
}
