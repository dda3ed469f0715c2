package io.jdfs.cli;

import java.util.List;

/** The settings of {@code dfs mount}, each defined once (see {@link Setting}). */
final class MountSettings {
    private MountSettings() {
    }

    static final Setting<String> ROOT = Setting.of("mount.root", SettingType.TEXT, "/",
            "Cluster directory to show at the mount point").label("PATH");
    static final Setting<Double> ATTR_TIMEOUT = Setting.of("mount.attr-timeout", SettingType.SECONDS, "1",
            "How long the kernel caches attributes and names");
    static final Setting<Long> WRITE_BACK = Setting.of("mount.write-back", SettingType.SIZE, "64m",
            "Changed bytes a file open for writing keeps in memory before committing them");

    static List<Setting<?>> all() {
        return List.of(CommonSettings.NAME_SERVER, CommonSettings.SECRET, ROOT, ATTR_TIMEOUT, WRITE_BACK);
    }
}
