package io.jdfs.cli;

import io.jdfs.data.DataServerConfig;
import io.jdfs.data.store.CompactionSettings;
import io.jdfs.data.store.ReplicasInProgress;
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
    static final Setting<Long> CAPACITY = Setting.of("dataserver.capacity", SettingType.SIZE, "0", // 0: what the disk has
            "Space offered for blocks, e.g. 50g").defaultHelp("what the disk has");
    static final Setting<String> RACK = Setting.of("dataserver.rack", SettingType.TEXT, DataServerConfig.DEFAULT_RACK,
            "Rack of this server, e.g. /dc1/rack7; with two racks or more, every block's replicas span two")
            .label("RACK");
    static final Setting<Integer> WEB_PORT = Setting.of("dataserver.web-port", SettingType.PORT, null,
            "Web port serving Prometheus /metrics").defaultHelp("the data port + 100, so 9101; 0 picks a free port");
    static final Setting<Integer> COMPACTION_GARBAGE = Setting.of("dataserver.compaction-garbage",
            SettingType.integer(1, 101), percent(CompactionSettings.defaults().garbageRatio()),
            "Compact a full container of small replicas once this percentage of it is deleted ones (101: never)")
            .label("PERCENT");
    static final Setting<Long> COMPACTION_RATE = Setting.of("dataserver.compaction-rate", SettingType.SIZE,
            SettingType.sizeText(CompactionSettings.defaults().bytesPerSecond()),
            "Bytes per second compaction may copy (0: no limit)").label("SIZE");
    static final Setting<Long> COMPACTION_INTERVAL = Setting.of("dataserver.compaction-interval",
            SettingType.DURATION_OR_OFF, SettingType.durationText(CompactionSettings.defaults().intervalMillis()),
            "How often to look for containers to compact (0: never)");
    static final Setting<Long> PARKED_REPLICA_TIMEOUT = Setting.of("dataserver.parked-replica-timeout",
            SettingType.DURATION, SettingType.durationText(ReplicasInProgress.DEFAULT_PARKED_TIMEOUT_MILLIS),
            "How long a replica whose write pipeline broke waits for the writer to resume it, then is dropped");
    static final LimitSettings LIMITS = new LimitSettings("dataserver", ServerLimits.forData());

    static List<Setting<?>> all() {
        List<Setting<?>> all = new ArrayList<>(List.of(HOST, PORT, STORAGE_DIR, CommonSettings.NAME_SERVER, CAPACITY,
                CommonSettings.SECRET, RACK, WEB_PORT, CommonSettings.TLS_CLIENT_AUTH));
        all.addAll(List.of(COMPACTION_GARBAGE, COMPACTION_RATE, COMPACTION_INTERVAL, PARKED_REPLICA_TIMEOUT));
        all.addAll(LIMITS.all());
        return all;
    }

    private static String percent(double ratio) {
        return Long.toString(Math.round(ratio * 100));
    }
}
