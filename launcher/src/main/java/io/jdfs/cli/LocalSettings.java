package io.jdfs.cli;

import java.nio.file.Path;
import java.util.List;

/** The settings of {@code dfs local}: most are the name server's and data server's, under {@code local.*}. */
final class LocalSettings {
    private LocalSettings() {
    }

    static final Setting<Path> DATA = Setting.of("local.data", SettingType.PATH, "dfs-data", "Base directory")
            .label("DIR");
    static final Setting<Integer> DATA_SERVERS = Setting.of("local.dataservers", SettingType.integer(1, 100), "3",
            "Number of data servers");
    static final Setting<String> BIND = NameServerSettings.BIND.as("local.bind").withDefault("127.0.0.1");
    static final Setting<Integer> PORT = NameServerSettings.PORT.as("local.port");
    static final Setting<Integer> WEB_PORT = NameServerSettings.WEB_PORT.as("local.web-port");
    static final Setting<Integer> WEBDAV_PORT = WebDavSettings.PORT.as("local.webdav-port").flags("--webdav-port");
    static final Setting<Integer> FIRST_DATA_PORT = DataServerSettings.PORT.as("local.first-data-port")
            .flags("--first-data-port");
    static final Setting<Integer> REPLICATION = NameServerSettings.REPLICATION.as("local.replication");
    static final Setting<Long> BLOCK_SIZE = NameServerSettings.BLOCK_SIZE.as("local.block-size");
    static final Setting<Long> CAPACITY = DataServerSettings.CAPACITY.as("local.capacity");

    static List<Setting<?>> all() {
        return List.of(DATA, DATA_SERVERS, BIND, PORT, WEB_PORT, WEBDAV_PORT, FIRST_DATA_PORT, REPLICATION, BLOCK_SIZE,
                CAPACITY, CommonSettings.SECRET, CommonSettings.CONSOLE_USERS);
    }
}
