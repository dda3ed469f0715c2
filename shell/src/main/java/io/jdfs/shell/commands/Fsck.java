package io.jdfs.shell.commands;

import io.jdfs.protocol.DataServerInfo;
import io.jdfs.protocol.FsckReport;
import org.jline.utils.AttributedStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

@Command(name = "fsck", description = "Check the files under a path: every block's live replicas. Fails when a block"
        + " is under-replicated, corrupt or missing.")
public final class Fsck extends Base {
    @Option(names = {"-v", "--verbose"}, description = "List every block, not only the unhealthy ones")
    boolean verbose;

    @Parameters(paramLabel = "PATH", arity = "0..1", description = "Remote path (default /)")
    String path;

    @Override
    protected void run() throws IOException {
        FsckReport r = client().fsck(path == null ? "/" : s.remote(path));
        Map<String, String> addresses = new HashMap<>();
        for (DataServerInfo d : client().clusterStatus().servers()) {
            addresses.put(d.id(), d.address());
        }
        for (FsckReport.FileHealth f : r.files()) {
            for (FsckReport.BlockHealth b : f.blocks()) {
                if (verbose || !b.flags().isEmpty()) {
                    out().printf("%s blk_%d: %d/%d live%s on %s%n", f.path(), b.block().id(), b.liveReplicas(),
                            b.expected(), b.flags().isEmpty() ? "" : " " + b.flags(),
                            b.locations().stream().map(id -> addresses.getOrDefault(id, id)).toList());
                }
            }
        }
        boolean healthy = r.healthy();
        out().printf("%s: %d files, %d blocks, %d under-replicated, %d over-replicated, %d corrupt, %d missing: %s%n",
                r.path(), r.filesVisited(), r.blocks(), r.underReplicated(), r.overReplicated(), r.corrupt(), r.missing(),
                healthy ? s.styled("HEALTHY", AttributedStyle.BOLD.foreground(AttributedStyle.GREEN))
                        : s.styled("UNHEALTHY", AttributedStyle.BOLD.foreground(AttributedStyle.RED)));
        status = healthy ? 0 : r.missing() > 0 ? 2 : 1;
    }
}
