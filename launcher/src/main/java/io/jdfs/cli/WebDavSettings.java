package io.jdfs.cli;

import java.nio.file.Path;
import java.util.List;

/** The settings of {@code dfs webdav}, each defined once (see {@link Setting}). */
final class WebDavSettings {
    private WebDavSettings() {
    }

    static final Setting<Integer> PORT = Setting.of("webdav.port", SettingType.PORT, "8081",
            "HTTP(S) port of the WebDAV gateway");
    static final Setting<String> BIND = Setting.of("webdav.bind", SettingType.TEXT, "127.0.0.1",
            "Address to listen on (0.0.0.0 for every interface)").label("ADDRESS");
    static final Setting<Path> USERS = Setting.of("webdav.users", SettingType.PATH, null,
            "Users file, lines name:bcrypt-hash[:uid[:gid]]; with it anonymous access is refused").label("FILE")
            .defaultHelp("none: anonymous read-write");
    static final Setting<Path> KEYSTORE = Setting.of("webdav.keystore", SettingType.PATH, null,
            "PKCS#12/JKS key store: serve HTTPS only").label("FILE").defaultHelp("the node's --tls-keystore, if any");
    static final Setting<String> KEYSTORE_PASSWORD = Setting.of("webdav.keystore-password", SettingType.TEXT, null,
            "Key store password (prefer the environment variable)").label("PASSWORD")
            .defaultHelp("the node's --tls-password");

    static final Setting<String> LOGIN_USER = Setting.of("webdav.user", SettingType.TEXT, null,
            "Log in to a name server that has a users file as NAME, one of its --proxy-users: the gateway then acts"
                    + " for each Basic-auth user as that user").label("NAME").defaultHelp("no login");
    static final Setting<Path> PASSWORD_FILE = Setting.of("webdav.password-file", SettingType.PATH, null,
            "The --user's password, first line of FILE").label("FILE").defaultHelp("env JDFS_PASSWORD");
    static final Setting<Path> TOKEN_FILE = Setting.of("webdav.token-file", SettingType.PATH, null,
            "A saved login token to log in with instead of --user").label("FILE");

    static List<Setting<?>> all() {
        return List.of(PORT, CommonSettings.NAME_SERVER, BIND, USERS, KEYSTORE, KEYSTORE_PASSWORD, CommonSettings.SECRET,
                LOGIN_USER, PASSWORD_FILE, TOKEN_FILE);
    }
}
