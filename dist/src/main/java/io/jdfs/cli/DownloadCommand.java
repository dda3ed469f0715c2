package io.jdfs.cli;

import io.jdfs.client.DfsClient;
import io.jdfs.common.Sizes;
import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.ops.FileOps;
import io.jdfs.shell.ops.Transfer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

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

    @Parameters(index = "1", arity = "0..1", paramLabel = "LOCAL", description = "Local file or directory (default .); - or /dev/stdout writes the bytes to standard output")
    Path local;

    @Option(names = {"-l", "--limit"}, paramLabel = "RATE", description = "At most RATE bytes per second (e.g. 20m)")
    String limit;

    @Option(names = {"-f", "--force"}, description = "Overwrite an existing local file")
    boolean force;

    @Override
    public Integer call() throws IOException {
        String path = RemotePaths.normalize(remote);
        try (DfsClient c = client.connect()) {
            FileStatus st = FileOps.readableFile(c, path, " (download copies one file)");
            if (local != null && FileOps.isStandardOutput(local)) {
                // as cp and hdfs dfs -cat: the bytes only, nothing else on standard output
                OutputStream out = new FileOutputStream(FileDescriptor.out);
                try (InputStream in = c.open(st.path())) {
                    in.transferTo(out);
                }
                out.flush();
                return 0;
            }
            Path target = FileOps.downloadTarget(Path.of(""), local, st.name(), force);
            long start = System.nanoTime();
            long bytes = FileOps.download(c, st, target, force, transfer());
            spec.commandLine().getOut().printf("downloaded %s -> %s: %s%n", path, target,
                    io.jdfs.shell.ops.Format.transfer(bytes, System.nanoTime() - start));
        }
        return 0;
    }

    private Transfer transfer() {
        return limit == null ? Transfer.quiet() : Transfer.quiet().withLimit(Sizes.parseBytes(limit));
    }
}
