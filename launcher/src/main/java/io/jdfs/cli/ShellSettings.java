package io.jdfs.cli;

import io.jdfs.shell.ShellOptions;

import java.nio.file.Path;
import java.util.List;

/** The settings of {@code dfs shell}, each defined once (see {@link Setting}). */
final class ShellSettings {
    private ShellSettings() {
    }

    static final Setting<Path> HISTORY = Setting.of("shell.history", SettingType.PATH,
            ShellOptions.defaultHistoryFile().toString(), "History file").label("FILE");

    static List<Setting<?>> all() {
        return List.of(CommonSettings.NAME_SERVER, CommonSettings.SECRET, HISTORY);
    }
}
