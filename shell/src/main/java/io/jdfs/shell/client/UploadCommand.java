package io.jdfs.shell.client;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.common.Sizes;
import io.jdfs.shell.ops.FileOps;
import io.jdfs.shell.ops.Format;
import io.jdfs.shell.ops.OpException;
import io.jdfs.shell.ops.RemotePaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code dfs client upload LOCAL [REMOTE]}: the shell's upload ({@link FileOps#upload}), without a progress bar. */
@Command(name = "upload", aliases = "put", mixinStandardHelpOptions = true,
        description = {"Copy a local file (or with -r a directory tree) into JDFS. Without REMOTE it becomes /NAME;"
                + " REMOTE ending in / or naming a directory puts it inside.",
                "LOCAL - reads standard input (REMOTE is then required): tar c . | dfs client upload - /t.tar"})
public final class UploadCommand extends ClientAction {
    @Parameters(index = "0", paramLabel = "LOCAL", description = "Local file, directory (with -r), or - for standard input")
    Path local;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REMOTE", description = "Remote path (default /NAME)")
    String remote;

    @picocli.CommandLine.Mixin
    TransferOptions copy = new TransferOptions();

    @Option(names = "--replication", paramLabel = "N", description = "Replication factor (default: the cluster's)")
    int replication;

    @Option(names = "--block-size", paramLabel = "SIZE", description = "Block size (default: the cluster's)")
    String blockSize;

    @Override
    public Integer call() throws IOException {
        boolean stdin = local.toString().equals("-");
        if (stdin && remote == null) {
            throw new OpException("upload from standard input needs REMOTE (upload - /PATH)");
        }
        if (!stdin && Files.isDirectory(local) && !copy.recursive) {
            throw new OpException(local + " is a directory (use upload -r)");
        }
        if (!stdin && !Files.isDirectory(local)) {
            FileOps.checkUploadable(local); // before connecting
        }
        return super.call();
    }

    @Override
    protected int run(DfsClient c) throws IOException {
        CreateOptions options = CreateOptions.defaults().withOverwrite(copy.force).withReplication(replication)
                .withBlockSize(blockSize == null ? 0 : Sizes.parseBytes(blockSize));
        long start = System.nanoTime();
        if (local.toString().equals("-")) {
            String target = RemotePaths.normalize(remote);
            long bytes = FileOps.write(c, System.in, -1, target, options, copy.transfer(), "-");
            out().printf("uploaded - -> %s: %s%n", target, Format.transfer(bytes, System.nanoTime() - start));
            return 0;
        }
        String name = local.toAbsolutePath().normalize().getFileName().toString();
        String target = RemotePaths.into(c, remote, name);
        if (Files.isDirectory(local)) {
            Trees.upload(c, local, target, options, copy::transfer, copy.threads, out());
            return 0;
        }
        long bytes = FileOps.upload(c, local, target, options, copy.transfer());
        out().printf("uploaded %s -> %s: %s%n", local, target, Format.transfer(bytes, System.nanoTime() - start));
        return 0;
    }
}
