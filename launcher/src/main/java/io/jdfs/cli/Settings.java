package io.jdfs.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where a setting comes from, lowest precedence first: its default, the config file ({@code --config FILE},
 * java properties), the command-line flag, the environment variable {@code JDFS_<KEY>}.
 *
 * <p>Each setting is defined once, typed, in a {@link Setting} (grouped per role: {@link NameServerSettings},
 * {@link DataServerSettings}, ...); its flag, help line, environment variable and config key all come from
 * that definition. A key is the long flag name, prefixed by its command when only that command has it:
 * {@code nameserver.web-port} is {@code --web-port} of {@code dfs nameserver}, read from
 * {@code JDFS_NAMESERVER_WEB_PORT}. {@code nameserver} (the address clients and data servers use) and
 * {@code secret} are shared by every command: {@code JDFS_NAMESERVER}, {@code JDFS_SECRET}.
 */
public final class Settings {
    private final Properties file;
    private final String fileName;
    private final Map<String, String> env;

    public Settings(Properties file, String fileName, Map<String, String> env) {
        this.file = file;
        this.fileName = fileName;
        this.env = env;
    }

    /** Reads the config file, if one is given; a named file that cannot be read is an error. */
    public static Settings load(Path configFile, Map<String, String> env) {
        Properties p = new Properties();
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new CliException("config file " + configFile + " not found");
            }
            try (Reader r = Files.newBufferedReader(configFile)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new CliException("cannot read config file " + configFile + ": " + e.getMessage());
            }
        }
        return new Settings(p, configFile == null ? null : configFile.toString(), env);
    }

    public static String envName(String key) {
        return Setting.envName(key);
    }

    /** A value and where it came from (for error messages). */
    public record Value(String text, String origin) {
    }

    public Value value(String key, String flag, String defaultValue) {
        String e = env.get(envName(key));
        if (e != null && !e.isBlank()) {
            return new Value(e.trim(), "environment variable " + envName(key));
        }
        if (flag != null) {
            return new Value(flag, "--" + key.substring(key.lastIndexOf('.') + 1));
        }
        String f = file.getProperty(key);
        if (f != null && !f.isBlank()) {
            return new Value(f.trim(), "'" + key + "' in " + fileName);
        }
        return new Value(defaultValue, "the default");
    }

    /** A setting by its key alone (the shell's mixins, which cannot see the definitions). */
    public String get(String key, String flag, String defaultValue) {
        return value(key, flag, defaultValue).text();
    }

    /**
     * The value of a setting: its environment variable, else its flag's value ({@code flag}, null when not
     * given; picocli has converted it), else the config file, else the default; null when none has one.
     */
    public <T> T get(Setting<T> setting, T flag) {
        String e = env.get(setting.envName());
        if (e != null && !e.isBlank()) {
            return parse(setting, e, "environment variable " + setting.envName());
        }
        if (flag != null) {
            return flag;
        }
        String f = file.getProperty(setting.key());
        if (f != null && !f.isBlank()) {
            return parse(setting, f, "'" + setting.key() + "' in " + fileName);
        }
        return setting.defaultValue() == null ? null : parse(setting, setting.defaultValue(), "the default");
    }

    /** The value of a setting of {@code command}, whose flag was added from the definition. */
    public <T> T get(Setting<T> setting, picocli.CommandLine.Model.CommandSpec command) {
        return get(setting, SettingOptions.flag(command, setting));
    }

    /** As {@link #get(Setting, picocli.CommandLine.Model.CommandSpec)}, with a positional argument standing for the flag. */
    public <T> T get(Setting<T> setting, picocli.CommandLine.Model.CommandSpec command, String argument, String argumentLabel) {
        T flag = SettingOptions.flag(command, setting);
        if (flag == null && argument != null) {
            flag = parse(setting, argument, "argument " + argumentLabel);
        }
        return get(setting, flag);
    }

    /** The text of a setting as its type reads it; the error names the setting, where the text came from and what is expected. */
    static <T> T parse(Setting<T> setting, String text, String origin) {
        try {
            return setting.type().parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new CliException("invalid value '" + text.trim() + "' for " + setting.key() + " from " + origin
                    + ": expected " + setting.type().expected());
        }
    }
}
