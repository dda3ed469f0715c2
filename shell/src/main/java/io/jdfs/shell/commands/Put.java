package io.jdfs.shell.commands;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.common.Sizes;
import io.jdfs.shell.ops.OpException;
import io.jdfs.shell.ops.RemotePaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

@Command(name = "put", description = "Upload a local file (or, with -r, a directory tree). Without REMOTE it lands"
        + " in the working directory; REMOTE ending in / or naming a directory puts it inside.")
public final class Put extends Base {
    @Option(names = {"-r", "--recursive"}, description = "Upload a directory with everything in it")
    boolean recursive;

    @Option(names = {"-f", "--force"}, description = "Overwrite existing remote files")
    boolean force;

    @Option(names = {"-l", "--limit"}, paramLabel = "RATE", description = "Bandwidth limit per second (e.g. 10m)")
    String limit;

    @Option(names = "--replication", paramLabel = "N", description = "Replication factor (default: the cluster's)")
    int replication;

    @Option(names = "--block-size", paramLabel = "SIZE", description = "Block size (default: the cluster's)")
    String blockSize;

    @Parameters(index = "0", paramLabel = "LOCAL", description = "Local file or directory")
    String local;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REMOTE", description = "Remote path")
    String remote;

    @Override
    protected void run() throws IOException {
        Path src = s.local(local);
        if (!Files.exists(src)) {
            throw new OpException(src + ": no such local file");
        }
        DfsClient c = client();
        CreateOptions o = CreateOptions.defaults().withOverwrite(force).withReplication(replication)
                .withBlockSize(blockSize == null ? 0 : Sizes.parseBytes(blockSize));
        long rate = limit == null ? 0 : Sizes.parseBytes(limit);
        String name = src.getFileName().toString();
        String target = remote == null ? RemotePaths.child(s.cwd(), name)
                : RemotePaths.into(c, s.remote(remote), remote.endsWith("/"), name);
        if (Files.isDirectory(src)) {
            if (!recursive) {
                throw new OpException(src + " is a directory (use put -r)");
            }
            int n = Copies.putTree(s, src, target, o, rate);
            out().printf("%s -> %s: %d file%s%n", src, target, n, n == 1 ? "" : "s");
        } else {
            Copies.put(s, src, target, o, rate);
        }
    }
}
