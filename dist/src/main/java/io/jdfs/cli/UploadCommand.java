package io.jdfs.cli;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.common.Sizes;
import io.jdfs.shell.ops.FileOps;
import io.jdfs.shell.ops.Transfer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code dfs client upload LOCAL [REMOTE]}: the shell's upload ({@link FileOps#upload}), without a progress bar. */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = "Copy a local file into JDFS. Without REMOTE it becomes /NAME; REMOTE ending in / or naming"
                + " a directory puts it inside.")
final class UploadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "LOCAL", description = "Local file")
    Path local;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REMOTE", description = "Remote path (default /NAME)")
    String remote;

    @Option(names = {"-l", "--limit"}, paramLabel = "RATE", description = "At most RATE bytes per second (e.g. 20m)")
    String limit;

    @Option(names = {"-f", "--force"}, description = "Overwrite an existing remote file")
    boolean force;

    @Option(names = "--replication", paramLabel = "N", description = "Replication factor (default: the cluster's)")
    int replication;

    @Option(names = "--block-size", paramLabel = "SIZE", description = "Block size (default: the cluster's)")
    String blockSize;

    @Override
    public Integer call() throws IOException {
        FileOps.checkUploadable(local);
        CreateOptions options = CreateOptions.defaults().withOverwrite(force).withReplication(replication)
                .withBlockSize(blockSize == null ? 0 : Sizes.parseBytes(blockSize));
        try (DfsClient c = client.connect()) {
            String target = RemotePaths.into(c, remote, local.getFileName().toString());
            long start = System.nanoTime();
            long bytes = FileOps.upload(c, local, target, options, transfer());
            spec.commandLine().getOut().printf("uploaded %s -> %s: %s%n", local, target,
                    io.jdfs.shell.ops.Format.transfer(bytes, System.nanoTime() - start));
        }
        return 0;
    }

    private Transfer transfer() {
        return limit == null ? Transfer.quiet() : Transfer.quiet().withLimit(Sizes.parseBytes(limit));
    }
}
