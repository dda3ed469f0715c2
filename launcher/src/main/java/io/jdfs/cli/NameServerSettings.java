package io.jdfs.cli;

import io.jdfs.name.NameServerConfig;
import io.jdfs.rpc.ServerLimits;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The settings of {@code dfs nameserver}, each defined once (see {@link Setting}). */
final class NameServerSettings {
    private NameServerSettings() {
    }

    static final Setting<Integer> PORT = Setting.of("nameserver.port", SettingType.PORT,
            Integer.toString(NameServerConfig.DEFAULT_PORT), "RPC port");
    static final Setting<Integer> WEB_PORT = Setting.of("nameserver.web-port", SettingType.PORT,
            Integer.toString(NameServerConfig.DEFAULT_WEB_PORT), "Web port: JSON admin API under /api");
    static final Setting<String> BIND = Setting.of("nameserver.bind", SettingType.TEXT, "0.0.0.0",
            "Address to listen on (0.0.0.0: all)").label("HOST");
    static final Setting<Path> META_DIR = Setting.of("nameserver.meta-dir", SettingType.PATH, "dfs-name",
            "Metadata directory").label("DIR");
    static final Setting<Path> USERS = Setting.of("nameserver.users", SettingType.PATH, null,
                    "Users file (dfs admin user add): clients must log in")
            .label("FILE").defaultHelp("none: simple mode, callers are trusted as they name themselves");
    static final Setting<Integer> REPLICATION = Setting.of("nameserver.replication", SettingType.integer(1, 32), "2",
            "Default replication factor");
    static final Setting<Long> BLOCK_SIZE = Setting.of("nameserver.block-size", SettingType.SIZE, "4m",
            "Default block size");
    static final Setting<Long> HEARTBEAT = Setting.of("nameserver.heartbeat-interval", SettingType.DURATION, "3s",
            "Data server heartbeat interval");
    static final Setting<Long> STALE_AFTER = Setting.of("nameserver.stale-after", SettingType.DURATION, null,
            "A silent data server is stale (no new blocks) after").defaultHelp("3 heartbeats, at most dead-after");
    static final Setting<Long> DEAD_AFTER = Setting.of("nameserver.dead-after", SettingType.DURATION, "30s",
            "A silent data server is dead (replicas lost) after");
    static final Setting<String> PROXY_USERS = Setting.of("nameserver.proxy-users", SettingType.TEXT, null,
            "Users of the users file who may act for its other users (gateways), as HDFS's proxy users")
            .label("NAME,NAME");
    static final Setting<Path> AUDIT_LOG = Setting.of("nameserver.audit-log", SettingType.PATH, null,
            "Append every namespace change and every refused request (user, address, operation, paths, result) to"
                    + " FILE, as HDFS's audit log").label("FILE");
    static final Setting<String> ATIME = Setting.of("nameserver.atime", SettingType.choice("relatime", "off"),
            "relatime", "Access times: moved by reads as Linux's relatime, or never");
    static final Setting<Integer> SUPERGROUP = Setting.of("nameserver.supergroup",
                    SettingType.integer(-1, Integer.MAX_VALUE), "-1",
                    "Members of this group are superusers, as root and the user running the name server")
            .label("GID").defaultHelp("none");
    static final Setting<Long> LEASE_EXPIRY = Setting.of("nameserver.lease-expiry", SettingType.DURATION, "60s",
            "A writer silent this long is gone: its upload's temporary is deleted, a file it wrote directly is"
                    + " closed at what reached the data servers");
    static final LimitSettings LIMITS = new LimitSettings("nameserver", ServerLimits.defaults());

    static List<Setting<?>> all() {
        List<Setting<?>> all = new ArrayList<>(List.of(PORT, WEB_PORT, BIND, META_DIR, CommonSettings.SECRET, USERS,
                REPLICATION, BLOCK_SIZE, HEARTBEAT, STALE_AFTER, DEAD_AFTER, PROXY_USERS, AUDIT_LOG, ATIME, SUPERGROUP,
                LEASE_EXPIRY, CommonSettings.CONSOLE_USERS, CommonSettings.CONSOLE_USER, CommonSettings.CONSOLE_PASSWORD_FILE,
                CommonSettings.TLS_CLIENT_AUTH));
        all.addAll(LIMITS.all());
        return all;
    }
}
