package io.jdfs.cli;

import io.jdfs.client.ClientConfig;

/** Settings every command that talks to a cluster shares: one key, one environment variable for all. */
final class CommonSettings {
    private CommonSettings() {
    }

    static final Setting<String> NAME_SERVER = Setting.of("nameserver", SettingType.TEXT,
                    "localhost:" + ClientConfig.DEFAULT_NAME_SERVER_PORT, "Name server")
            .flags("-n", "--nameserver").label("HOST:PORT");

    static final Setting<String> SECRET = Setting.of("secret", SettingType.TEXT, null,
            "Cluster secret every peer must know (prefer the environment variable)").label("SECRET");

    static final Setting<java.nio.file.Path> CONSOLE_USERS = Setting.of("console.users", SettingType.PATH, null,
                    "Users of the web console, name:password[:read-only] a line")
            .flags("--console-users").label("FILE").defaultHelp("an open console");

    static final Setting<String> TLS_CLIENT_AUTH = Setting.of("tls.client-auth", SettingType.choice("off", "required"),
            "off", "Mutual TLS: 'required' asks every peer for a certificate signed by the cluster CA (clients then use"
                    + " a key store of their own from `dfs admin certs`, not trust.p12)").flags("--tls-client-auth")
            .label("off|required");

    static final Setting<String> CONSOLE_USER = Setting.of("console.user", SettingType.TEXT, null,
                    "With --users: the user of the users file the console acts as (a superuser, to decommission"
                            + " servers and leave safe mode)").flags("--console-user").label("NAME").defaultHelp("no login");

    static final Setting<java.nio.file.Path> CONSOLE_PASSWORD_FILE = Setting.of("console.password-file",
            SettingType.PATH, null, "The --console-user's password, first line of FILE").flags("--console-password-file")
            .label("FILE")
            .defaultHelp("env JDFS_PASSWORD");

    /** A server's TLS settings with mutual TLS as the setting says. */
    static io.jdfs.rpc.tls.TlsSettings withClientAuth(io.jdfs.rpc.tls.TlsSettings tls, String clientAuth) {
        return io.jdfs.shell.client.TlsOptions.clientAuth(tls, "required".equals(clientAuth));
    }
}
