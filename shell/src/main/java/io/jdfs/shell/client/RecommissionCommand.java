package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.DataServerInfo;
import picocli.CommandLine.Command;

import java.io.IOException;

/** {@code dfs admin recommission HOST:PORT}. */
@Command(name = "recommission", mixinStandardHelpOptions = true,
        description = "Put a decommissioning or decommissioned data server back in service.")
public final class RecommissionCommand extends ServerStateCommand {
    @Override
    protected int run(DfsClient c) throws IOException {
        DataServerInfo d = c.admin().recommission(server);
        out().printf("%s (%s) is %s%n", d.address(), d.id(), d.state());
        return 0;
    }
}
