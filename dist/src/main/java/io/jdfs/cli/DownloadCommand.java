package io.jdfs.cli;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/** {@code dfs client download REMOTE [LOCAL]}. */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Copy a file out of JDFS. Without LOCAL it lands in the current directory; a LOCAL directory"
                + " puts it inside. An existing local file is kept unless --force.")
final class DownloadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "REMOTE", description = "Remote file")
    String remote;

    @Parameters(index = "1", arity = "0..1", paramLabel = "LOCAL", description = "Local file or directory (default .)")
    Path local;

    @Option(names = {"-f", "--force"}, description = "Overwrite an existing local file")
    boolean force;

    @Override
    public Integer call() throws IOException {
        String path = RemotePaths.normalize(remote);
        try (DfsClient c = client.connect()) {
            FileStatus st = c.stat(path);
            if (st.isDirectory()) {
                throw new CliException(path + " is a directory (download copies one file)");
            }
            Path target = target(st.name());
            long start = System.nanoTime();
            long bytes = copy(c, path, target);
            spec.commandLine().getOut().printf("downloaded %s -> %s: %s%n", path, target,
                    Format.transfer(bytes, System.nanoTime() - start));
        }
        return 0;
    }

    private Path target(String name) {
        Path t = local == null ? Path.of(name) : Files.isDirectory(local) ? local.resolve(name) : local;
        if (Files.isDirectory(t)) {
            throw new CliException(t + " is a directory");
        }
        if (Files.exists(t) && !force) {
            throw new CliException(t + " already exists (use --force to overwrite)");
        }
        Path parent = t.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            throw new CliException(parent + ": no such local directory");
        }
        return t;
    }

    /** Writes a hidden temporary file next to the target and renames it into place once complete. */
    private long copy(DfsClient c, String path, Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + "." + Long.toHexString(
                ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".part");
        try (OnInterrupt cleanup = new OnInterrupt("jdfs-download-cleanup", () -> Files.deleteIfExists(tmp))) {
            long n;
            try (InputStream in = c.open(path);
                 OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                n = Transfers.copy(in, out);
            }
            if (force) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(tmp, abs);
            }
            return n;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
