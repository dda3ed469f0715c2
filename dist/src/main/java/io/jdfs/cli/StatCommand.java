package io.jdfs.cli;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.LocatedBlock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code dfs client stat PATH}: attributes, and for a file each block with where its replicas are. */
@Command(name = "stat", mixinStandardHelpOptions = true,
        description = "Show a file's or directory's attributes; for a file, each block and its replica locations.")
final class StatCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "PATH", description = "Remote path")
    String path;

    @Override
    public Integer call() throws IOException {
        String p = RemotePaths.normalize(path);
        PrintWriter out = spec.commandLine().getOut();
        try (DfsClient c = client.connect()) {
            FileStatus s = c.stat(p);
            out.printf("path:        %s%n", s.path());
            out.printf("type:        %s%n", s.isDirectory() ? "directory" : "file");
            out.printf("size:        %s%n", Format.size(s.length()));
            if (!s.isDirectory()) {
                out.printf("replication: %d%n", s.replication());
                out.printf("block size:  %s%n", Format.size(s.blockSize()));
                out.printf("complete:    %s%n", s.complete() ? "yes" : "no (open for writing)");
            }
            out.printf("mode:        %s (%04o)%n", Format.mode(s), s.mode());
            out.printf("owner:       uid %d, gid %d%n", s.uid(), s.gid());
            out.printf("inode:       %d, %d link%s%n", s.inodeId(), s.linkCount(), s.linkCount() == 1 ? "" : "s");
            out.printf("modified:    %s%n", Format.time(s.mtimeNanos()));
            out.printf("accessed:    %s%n", Format.time(s.atimeNanos()));
            out.printf("changed:     %s%n", Format.time(s.ctimeNanos()));
            if (!s.isDirectory()) {
                printBlocks(out, c.allBlocks(p), s.replication());
            }
        }
        return 0;
    }

    private static void printBlocks(PrintWriter out, List<LocatedBlock> blocks, int replication) {
        out.printf("blocks:      %d%n", blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            LocatedBlock b = blocks.get(i);
            String where = b.locations().isEmpty() ? "no live replica"
                    : b.locations().stream().map(StatCommand::server).collect(Collectors.joining(", "));
            out.printf("  #%d blk_%d offset %d length %d, %d/%d replicas: %s%n", i, b.block().id(), b.offset(),
                    b.block().length(), b.locations().size(), replication, where);
        }
    }

    private static String server(DataServerRef r) {
        return r.address() + " (" + r.id() + ")";
    }
}
