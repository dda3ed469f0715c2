package io.jdfs.shell.commands;

import io.jdfs.common.Sizes;
import io.jdfs.protocol.ClusterStatus;
import io.jdfs.shell.ops.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;

@Command(name = "df", description = "Capacity, used and free space of the cluster.")
public final class Df extends Base {
    @Option(names = "-h", description = "Human-readable sizes")
    boolean human;

    @Override
    protected void run() throws IOException {
        ClusterStatus st = client().clusterStatus();
        out().printf("%-22s %12s %12s %12s %6s %s%n", "Cluster", "Size", "Used", "Avail", "Use%", "Servers");
        out().printf("%-22s %12s %12s %12s %6s %d of %d live%n", s.address(), size(st.capacity()), size(st.used()),
                size(st.remaining()), Format.percent(st.used(), st.capacity()), st.liveServers(), st.servers().size());
    }

    private String size(long n) {
        return human ? Sizes.human(n) : Long.toString(n);
    }
}
