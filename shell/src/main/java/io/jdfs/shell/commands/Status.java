package io.jdfs.shell.commands;

import io.jdfs.client.DfsClient;
import io.jdfs.common.Sizes;
import io.jdfs.protocol.ClusterStatus;
import io.jdfs.protocol.Reply;
import io.jdfs.shell.ops.Format;
import org.jline.utils.AttributedStyle;
import picocli.CommandLine.Command;

import java.io.IOException;

@Command(name = "status", description = "Cluster summary: servers, space, namespace, replication health, safe mode, read-only after a journal failure.")
public final class Status extends Base {
    @Override
    protected void run() throws IOException {
        DfsClient c = client();
        ClusterStatus st = c.clusterStatus();
        Reply.SafeModeReply safe = c.admin().safeMode("get");
        out().printf("cluster:      %s at %s%n", st.clusterId(), s.address());
        out().printf("data servers: %d live of %d%n", st.liveServers(), st.servers().size());
        out().printf("space:        %s used of %s (%s), %s free%n", Sizes.human(st.used()), Sizes.human(st.capacity()),
                Format.percent(st.used(), st.capacity()), Sizes.human(st.remaining()));
        out().printf("namespace:    %d files, %d directories, %d blocks%n", st.files(), st.directories(), st.blocks());
        boolean healthy = st.underReplicatedBlocks() == 0 && st.missingBlocks() == 0;
        String health = healthy ? s.styled("healthy", AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN))
                : s.styled(st.underReplicatedBlocks() + " under-replicated, " + st.missingBlocks() + " missing blocks",
                AttributedStyle.BOLD.foreground(st.missingBlocks() > 0 ? AttributedStyle.RED : AttributedStyle.YELLOW));
        out().printf("replication:  %s%n", health);
        out().printf("safe mode:    %s%n", safe.on() ? "ON (" + safe.status() + ")" : "off");
        if (!st.writable()) {
            out().printf("journal:      %s%n", s.styled("READ-ONLY: " + st.readOnly(), AttributedStyle.BOLD.foreground(AttributedStyle.RED)));
        }
    }
}
