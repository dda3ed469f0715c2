package io.jdfs.cli;

import io.jdfs.data.DataServerConfig;
import io.jdfs.rpc.ServerLimits;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The settings of {@code dfs dataserver}, each defined once (see {@link Setting}). */
final class DataServerSettings {
    private DataServerSettings() {
    }

    static final Setting<String> HOST = Setting.of("dataserver.host", SettingType.TEXT, "localhost",
            "Address to listen on and to advertise to the name server and clients").label("HOST");
    static final Setting<Integer> PORT = Setting.of("dataserver.port", SettingType.PORT,
            Integer.toString(DataServerConfig.DEFAULT_PORT), "Data transfer port");
    static final Setting<Path> STORAGE_DIR = Setting.of("dataserver.storage-dir", SettingType.PATH, "storage",
            "Where replicas live").label("DIR");
    static final Setting<Long> CAPACITY = Setting.of("dataserver.capacity", SettingType.SIZE, "0",
            "Space offered for blocks, e.g. 50g").defaultHelp("what the disk has");
    static final Setting<String> RACK = Setting.of("dataserver.rack", SettingType.TEXT, DataServerConfig.DEFAULT_RACK,
            "Rack of this server, e.g. /dc1/rack7; with two racks or more, every block's replicas span two")
            .label("RACK");
    static final Setting<Integer> WEB_PORT = Setting.of("dataserver.web-port", SettingType.PORT, null,
            "Web port serving Prometheus /metrics").defaultHelp("the data port + 100, so 9101; 0 picks a free port");
    static final LimitSettings LIMITS = new LimitSettings("dataserver", ServerLimits.forData());

    static List<Setting<?>> all() {
        List<Setting<?>> all = new ArrayList<>(List.of(HOST, PORT, STORAGE_DIR, CommonSettings.NAME_SERVER, CAPACITY,
                CommonSettings.SECRET, RACK, WEB_PORT, CommonSettings.TLS_CLIENT_AUTH));
        all.addAll(LIMITS.all());
        return all;
    }
}
