package io.jdfs.cli;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.common.Sizes;
import io.jdfs.protocol.PathExistsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code dfs client upload LOCAL [REMOTE]}. */
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

    @Option(names = {"-f", "--force"}, description = "Overwrite an existing remote file")
    boolean force;

    @Option(names = "--replication", paramLabel = "N", description = "Replication factor (default: the cluster's)")
    int replication;

    @Option(names = "--block-size", paramLabel = "SIZE", description = "Block size (default: the cluster's)")
    String blockSize;

    @Override
    public Integer call() throws IOException {
        if (!Files.exists(local)) {
            throw new CliException(local + ": no such local file");
        }
        if (!Files.isRegularFile(local)) {
            throw new CliException(local + " is not a regular file (upload copies one file)");
        }
        if (!Files.isReadable(local)) {
            throw new CliException(local + ": permission denied");
        }
        CreateOptions options = CreateOptions.defaults().withOverwrite(force).withReplication(replication)
                .withBlockSize(blockSize == null ? 0 : Sizes.parseBytes(blockSize));
        try (DfsClient c = client.connect()) {
            String target = RemotePaths.into(c, remote, local.getFileName().toString());
            long start = System.nanoTime();
            long bytes = copy(c, target, options);
            spec.commandLine().getOut().printf("uploaded %s -> %s: %s%n", local, target,
                    Format.transfer(bytes, System.nanoTime() - start));
        }
        return 0;
    }

    private long copy(DfsClient c, String target, CreateOptions options) throws IOException {
        DfsOutputStream out;
        try {
            out = c.create(target, options);
        } catch (PathExistsException e) {
            throw new CliException(target + " already exists (use --force to overwrite)");
        }
        try (InputStream in = Files.newInputStream(local);
             OnInterrupt cleanup = new OnInterrupt("jdfs-upload-cleanup", () -> c.delete(target, false))) {
            long n = Transfers.copy(in, out);
            out.close();
            return n;
        } catch (IOException | RuntimeException e) {
            try {
                c.delete(target, false); // no half file left behind; closing the client aborts the stream
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }
}
