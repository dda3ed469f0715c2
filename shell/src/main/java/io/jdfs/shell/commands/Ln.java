package io.jdfs.shell.commands;

import io.jdfs.shell.ops.LinkArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;

@Command(name = "ln", description = "Make a hard link (another name for the same file), or with -s a symbolic link.")
public final class Ln extends Base {
    @Mixin
    LinkArgs args;

    @Override
    protected void run() throws IOException {
        args.run(client(), s::remote);
    }
}
