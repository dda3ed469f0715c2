package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.ops.FileOps;
import io.jdfs.shell.ops.Format;
import io.jdfs.shell.ops.OpException;
import io.jdfs.shell.ops.RemotePaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code dfs client download REMOTE [LOCAL]}. */
@Command(name = "download", aliases = "get", mixinStandardHelpOptions = true,
        description = {"Copy a file (or with -r a directory tree) out of JDFS. Without LOCAL it lands in the current"
                + " directory; a LOCAL directory puts it inside. An existing local file is kept unless --force.",
                "LOCAL - writes the bytes to standard output (as cat)."})
public final class DownloadCommand extends ClientAction {
    @Parameters(index = "0", paramLabel = "REMOTE", description = "Remote file, or directory with -r")
    String remote;

    @Parameters(index = "1", arity = "0..1", paramLabel = "LOCAL", description = "Local file or directory (default .); - or /dev/stdout writes the bytes to standard output")
    Path local;

    @picocli.CommandLine.Mixin
    TransferOptions copy = new TransferOptions();

    @Override
    protected int run(DfsClient c) throws IOException {
        String path = RemotePaths.normalize(remote);
        FileStatus st = c.stat(path);
        if (st.isDirectory()) {
            if (!copy.recursive) {
                throw new OpException(path + " is a directory (use download -r)");
            }
            if (local != null && FileOps.isStandardOutput(local)) {
                throw new OpException("a directory cannot go to standard output");
            }
            Path target = local == null ? Path.of(st.name().isEmpty() ? "root" : st.name())
                    : Files.isDirectory(local) ? local.resolve(st.name().isEmpty() ? "root" : st.name()) : local;
            Trees.download(c, path, target, copy.force, copy::transfer, copy.threads, out());
            return 0;
        }
        if (local != null && FileOps.isStandardOutput(local)) {
            // as cp and hdfs dfs -cat: the bytes only, nothing else on standard output
            return StandardOutput.open().run(out -> {
                try (InputStream in = c.open(st.path())) {
                    in.transferTo(out);
                }
            });
        }
        Path target = FileOps.downloadTarget(Path.of(""), local, st.name(), copy.force);
        long start = System.nanoTime();
        long bytes = FileOps.download(c, st, target, copy.force, copy.transfer());
        out().printf("downloaded %s -> %s: %s%n", path, target, Format.transfer(bytes, System.nanoTime() - start));
        return 0;
    }
}
