package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.shell.ops.RemotePaths;
import io.jdfs.shell.ops.XattrArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;

/** {@code dfs client xattr get|set|list|rm PATH [NAME [VALUE]]}: getfattr and setfattr in one. */
@Command(name = "xattr", mixinStandardHelpOptions = true,
        description = {"Extended attributes: get prints one value, list prints name=value lines (as getfattr -d),"
                + " set and rm change them.", "Values are text, 0x... hex or 0s... base64, as getfattr and setfattr"
                + " write them. Everyone who may write a file may use the user. namespace."})
public final class XattrCommand extends ClientAction {
    @Mixin
    XattrArgs args;

    @Override
    protected int run(DfsClient c) throws IOException {
        args.run(c, RemotePaths.normalize(args.path()), out());
        return 0;
    }
}
