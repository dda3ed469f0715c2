package io.jdfs.shell.client;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.DfsClient;
import io.jdfs.common.HostPort;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;

/** The options of every command that talks to a cluster as a client. */
public final class ClientOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-n", "--nameserver"}, paramLabel = "HOST:PORT",
            description = "Name server (default localhost:" + io.jdfs.protocol.Protocol.DEFAULT_NAME_SERVER_PORT + "; env JDFS_NAMESERVER)")
    String nameServer;

    @Option(names = "--secret", paramLabel = "SECRET", description = "Cluster secret (default none; env JDFS_SECRET)")
    String secret;

    @picocli.CommandLine.Mixin
    TlsOptions tls = new TlsOptions();

    @picocli.CommandLine.Mixin
    LoginOptions login = new LoginOptions();

    public ClientConfig config() {
        String ns = setting("nameserver", nameServer, "localhost:" + ClientConfig.DEFAULT_NAME_SERVER_PORT);
        try {
            HostPort.parse(ns, ClientConfig.DEFAULT_NAME_SERVER_PORT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid name server address '" + ns + "': " + e.getMessage());
        }
        return ClientConfig.of(ns).withSecret(setting("secret", secret, null)).withTls(tls.settings(this::setting));
    }

    private String setting(String key, String flag, String defaultValue) {
        if (mixee != null && mixee.root().userObject() instanceof ClientSettings settings) {
            return settings.setting(key, flag, defaultValue);
        }
        return flag != null ? flag : defaultValue;
    }

    public DfsClient connect() throws IOException {
        DfsClient c = DfsClient.connect(config().withLogin(login.credentials(this::setting)));
        try {
            login.saveToken(this::setting, c);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }
}
