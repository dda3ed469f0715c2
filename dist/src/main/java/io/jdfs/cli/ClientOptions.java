package io.jdfs.cli;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.DfsClient;
import io.jdfs.common.HostPort;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;

/** The options of every command that talks to a cluster as a client. */
final class ClientOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-n", "--nameserver"}, paramLabel = "HOST:PORT",
            description = "Name server (default localhost:9000; env JDFS_NAMESERVER)")
    String nameServer;

    @Option(names = "--secret", paramLabel = "SECRET", description = "Cluster secret (default none; env JDFS_SECRET)")
    String secret;

    ClientConfig config() {
        Settings s = Dfs.settings(mixee);
        String ns = s.get("nameserver", nameServer, "localhost:" + ClientConfig.DEFAULT_NAME_SERVER_PORT);
        try {
            HostPort.parse(ns, ClientConfig.DEFAULT_NAME_SERVER_PORT);
        } catch (IllegalArgumentException e) {
            throw new CliException("invalid name server address '" + ns + "': " + e.getMessage());
        }
        return ClientConfig.of(ns).withSecret(s.get("secret", secret, null));
    }

    DfsClient connect() throws IOException {
        return DfsClient.connect(config());
    }
}
