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

/** {@code dfs admin recommission HOST:PORT}. */
@Command(name = "recommission", mixinStandardHelpOptions = true,
        description = "Put a decommissioning or decommissioned data server back in service.")
public final class RecommissionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "SERVER", description = "HOST:PORT or id of the data server")
    String server;

    @Override
    public Integer call() throws IOException {
        try (DfsClient c = client.connect()) {
            DataServerInfo d = c.admin().recommission(server);
            spec.commandLine().getOut().printf("%s (%s) is %s%n", d.address(), d.id(), d.state());
        }
        return 0;
    }
}
