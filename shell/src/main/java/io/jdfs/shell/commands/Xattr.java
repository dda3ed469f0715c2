package io.jdfs.shell.commands;

import io.jdfs.shell.ops.XattrArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;

@Command(name = "xattr", description = {"Extended attributes: xattr get|set|list|rm PATH [NAME [VALUE]].",
        "Values are text, 0x... hex or 0s... base64, as getfattr and setfattr write them."})
public final class Xattr extends Base {
    @Mixin
    XattrArgs args;

    @Override
    protected void run() throws IOException {
        args.run(client(), s.remote(args.path()), out());
    }
}
