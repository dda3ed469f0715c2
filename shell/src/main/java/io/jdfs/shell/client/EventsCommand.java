package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.ClusterEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code dfs admin events}: the name server's recent events. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Recent cluster events: servers joining and dying, re-replication, corruption, decommission.")
public final class EventsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws IOException {
        try (DfsClient c = client.connect()) {
            for (ClusterEvent e : c.admin().events(0)) {
                spec.commandLine().getOut().printf("%s  %-22s %s%n", Instant.ofEpochMilli(e.timeMillis()), e.kind(),
                        e.message());
            }
        }
        return 0;
    }
}
