package io.jdfs.shell.commands;

import io.jdfs.shell.Globs;
import io.jdfs.shell.ops.TruncateArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

@Command(name = "truncate", description = "Shrink or extend files to a size (a grown part reads as zeros and takes no space).")
public final class Truncate extends Base {
    @Mixin
    TruncateArgs args;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Remote files, globs allowed (missing ones are created unless -c)")
    List<String> paths;

    @Override
    protected void run() throws IOException {
        for (String arg : paths) {
            for (String p : Globs.isGlob(arg) ? Globs.remote(client(), s.cwd(), arg) : List.of(s.remote(arg))) {
                args.apply(client(), p);
            }
        }
    }
}
