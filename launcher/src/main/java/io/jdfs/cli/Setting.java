package io.jdfs.cli;

import java.util.List;
import java.util.Locale;

/**
 * One setting, defined once: its key in the config file ({@code nameserver.block-size}), its flags
 * ({@code --block-size}), its environment variable ({@code JDFS_NAMESERVER_BLOCK_SIZE}, from the key), its
 * type and unit, its default and its help. The flags, the help text, the config file and the environment all
 * read this definition (as Apache Ozone's {@code @Config} classes or Ratis's {@code *ConfigKeys}); the
 * definitions of a role stand together in one class ({@link NameServerSettings}, {@link DataServerSettings}...).
 *
 * @param key          the config file key; the command's name first unless every command shares it
 * @param names        the flag and its aliases, longest last ({@code -n}, {@code --nameserver})
 * @param label        the value's name in help ({@code SIZE}, {@code HOST:PORT})
 * @param defaultValue the default as a user would write it ({@code 4m}); null when there is none or it is
 *                     worked out from other settings (then {@code defaultHelp} says how)
 * @param defaultHelp  what help shows as the default when it is not {@code defaultValue}
 */
public record Setting<T>(String key, List<String> names, String label, SettingType<T> type, String defaultValue,
                         String defaultHelp, String help) {

    public Setting {
        names = List.copyOf(names);
    }

    /** A setting whose flag is {@code --} and the key's last part. */
    public static <T> Setting<T> of(String key, SettingType<T> type, String defaultValue, String help) {
        return new Setting<>(key, List.of("--" + key.substring(key.lastIndexOf('.') + 1)), type.label(), type,
                defaultValue, null, help);
    }

    public Setting<T> flags(String... flags) {
        return new Setting<>(key, List.of(flags), label, type, defaultValue, defaultHelp, help);
    }

    public Setting<T> label(String l) {
        return new Setting<>(key, names, l, type, defaultValue, defaultHelp, help);
    }

    /** What help shows as the default when there is no fixed one ("none", "what the disk has"). */
    public Setting<T> defaultHelp(String text) {
        return new Setting<>(key, names, label, type, defaultValue, text, help);
    }

    /** The same setting under another command's key ({@code local.port} beside {@code nameserver.port}). */
    public Setting<T> as(String otherKey) {
        return new Setting<>(otherKey, names, label, type, defaultValue, defaultHelp, help);
    }

    public Setting<T> withDefault(String value) {
        return new Setting<>(key, names, label, type, value, defaultHelp, help);
    }

    /** The long flag, e.g. {@code --block-size}. */
    public String flag() {
        return names.get(names.size() - 1);
    }

    public String envName() {
        return envName(key);
    }

    public static String envName(String key) {
        return "JDFS_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The flag's help line: what it is, its default (and unit), where else it can be set. */
    public String description() {
        String d = defaultHelp != null ? defaultHelp : defaultValue != null ? defaultValue : "none";
        String unit = type.unit().isEmpty() || defaultValue == null || !defaultValue.matches("\\d+") ? ""
                : " " + type.unit();
        return help + " (default " + d + unit + "; env " + envName() + ", '" + key + "' in --config)";
    }
}
