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
}
