package io.jdfs.shell.commands;

import io.jdfs.client.DfsClient;
import io.jdfs.common.Sizes;
import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.Globs;
import io.jdfs.shell.ops.CancelledException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

@Command(name = "du", description = "Space used under remote paths: bytes of data, and bytes stored counting every replica.")
public final class Du extends Base {
    @Option(names = {"-s", "--summarize"}, description = "Only a total for each argument")
    boolean summarize;

    @Option(names = "-h", description = "Human-readable sizes")
    boolean human;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Remote paths, globs allowed (default .)")
    List<String> paths;

    @Override
    protected void run() throws IOException {
        DfsClient c = client();
        out().printf("%-10s %-10s %s%n", "DATA", "STORED", "PATH"); // stored: every replica counted
        for (String arg : paths == null ? List.of(".") : paths) {
            for (String p : Globs.remote(c, s.cwd(), arg)) {
                walk(c, c.stat(p), true);
            }
        }
    }

    /** Returns {data bytes, stored bytes}; prints directories (all of them, or only the top with -s). */
    private long[] walk(DfsClient c, FileStatus st, boolean top) throws IOException {
        if (s.cancelled()) {
            throw new CancelledException("du");
        }
        long[] sum = {0, 0};
        if (st.isDirectory()) {
            for (FileStatus f : c.list(st.path())) {
                long[] sub = walk(c, f, false);
                sum[0] += sub[0];
                sum[1] += sub[1];
            }
        } else {
            sum[0] = st.length();
            sum[1] = st.length() * st.replication();
        }
        if (top || (st.isDirectory() && !summarize)) {
            out().printf("%-10s %-10s %s%n", size(sum[0]), size(sum[1]), st.path());
        }
        return sum;
    }

    private String size(long n) {
        return human ? Sizes.human(n) : Long.toString(n);
    }
}
