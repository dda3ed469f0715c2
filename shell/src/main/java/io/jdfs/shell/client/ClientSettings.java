package io.jdfs.shell.client;

/**
 * Where the client commands read their settings: the launcher's root command implements it (defaults &lt;
 * config file &lt; flags &lt; environment). Without it, a flag or the default.
 */
public interface ClientSettings {
    /** The value of setting {@code key}, given its flag's value (null when not given) and its default. */
    String setting(String key, String flagValue, String defaultValue);
}
