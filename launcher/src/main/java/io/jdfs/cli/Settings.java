package io.jdfs.cli;

import io.jdfs.common.Sizes;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Where a setting comes from, lowest precedence first: its default, the config file ({@code --config FILE},
 * java properties), the command-line flag, the environment variable {@code JDFS_<KEY>}.
 *
 * <p>A key is the long flag name, prefixed by its command when only that command has it:
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
        return "JDFS_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
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

    public String get(String key, String flag, String defaultValue) {
        return value(key, flag, defaultValue).text();
    }

    public int integer(String key, String flag, int defaultValue, int min, int max) {
        Value v = value(key, flag, Integer.toString(defaultValue));
        try {
            int n = Integer.parseInt(v.text());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw bad(v, "a number from " + min + " to " + max);
    }

    public int port(String key, String flag, int defaultValue) {
        return integer(key, flag, defaultValue, 0, 65535);
    }

    public long bytes(String key, String flag, String defaultValue) {
        Value v = value(key, flag, defaultValue);
        try {
            long n = Sizes.parseBytes(v.text());
            if (n >= 0) {
                return n;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw bad(v, "a size such as 4096, 64k, 4m or 10g");
    }

    public long millis(String key, String flag, String defaultValue) {
        Value v = value(key, flag, defaultValue);
        try {
            long n = Sizes.parseMillis(v.text());
            if (n > 0) {
                return n;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw bad(v, "a duration such as 500ms, 3s or 1m");
    }

    public Path path(String key, String flag, String defaultValue) {
        Value v = value(key, flag, defaultValue);
        try {
            return Path.of(v.text());
        } catch (java.nio.file.InvalidPathException e) {
            throw bad(v, "a local path");
        }
    }

    private static CliException bad(Value v, String expected) {
        return new CliException("invalid value '" + v.text() + "' from " + v.origin() + ": expected " + expected);
    }
}
