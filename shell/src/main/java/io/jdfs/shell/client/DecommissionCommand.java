package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.DataServerInfo;
import picocli.CommandLine.Command;

import java.io.IOException;

/** {@code dfs admin decommission HOST:PORT}. */
@Command(name = "decommission", mixinStandardHelpOptions = true,
        description = "Drain a data server: its replicas are copied elsewhere while it still serves reads.")
public final class DecommissionCommand extends ServerStateCommand {
    @Override
    protected int run(DfsClient c) throws IOException {
        DataServerInfo d = c.admin().decommission(server);
        out().printf("%s (%s) is %s; %d replicas to drain%n", d.address(), d.id(), d.state(), d.blocks());
        return 0;
    }
}
