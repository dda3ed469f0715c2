package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.DataServerInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code dfs admin decommission HOST:PORT}. */
@Command(name = "decommission", mixinStandardHelpOptions = true,
        description = "Drain a data server: its replicas are copied elsewhere while it still serves reads.")
public final class DecommissionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "SERVER", description = "HOST:PORT or id of the data server")
    String server;

    @Override
    public Integer call() throws IOException {
        try (DfsClient c = client.connect()) {
            DataServerInfo d = c.admin().decommission(server);
            spec.commandLine().getOut().printf("%s (%s) is %s; %d replicas to drain%n", d.address(), d.id(),
                    d.state(), d.blocks());
        }
        return 0;
    }
}
