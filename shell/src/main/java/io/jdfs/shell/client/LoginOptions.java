package io.jdfs.shell.client;

import io.jdfs.client.Credentials;
import io.jdfs.client.DfsClient;
import picocli.CommandLine.Option;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** {@code --user} and {@code --token-file}: logging in to a cluster that has a users file. */
public final class LoginOptions {
    @Option(names = "--user", paramLabel = "NAME",
            description = "Log in as NAME (clusters with a users file); the password is asked on the terminal or"
                    + " read from env JDFS_PASSWORD (default: no login; env JDFS_USER)")
    String user;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A login token: written after a --user login, used alone later (env JDFS_TOKEN_FILE)")
    String tokenFile;

    /** What to log in with, or null (simple mode). */
    public Credentials credentials(ClientSettings s) throws IOException {
        String u = s.setting("user", user, null);
        String tf = s.setting("token-file", tokenFile, null);
        if (u != null) {
            return Credentials.password(u, password(u));
        }
        if (tf != null) {
            Path p = Path.of(tf);
            if (!Files.isRegularFile(p)) {
                throw new IOException("no login token in " + p + ": log in once with --user NAME --token-file " + p);
            }
            return Credentials.token(Files.readString(p, StandardCharsets.UTF_8).strip());
        }
        return null;
    }

    /** After a login with a password: keeps the token in the token file (mode 600), when one is named. */
    public void saveToken(ClientSettings s, DfsClient c) throws IOException {
        String tf = s.setting("token-file", tokenFile, null);
        if (tf == null || s.setting("user", user, null) == null || c.loginToken() == null) {
            return;
        }
        Path p = Path.of(tf).toAbsolutePath();
        Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
        Files.writeString(tmp, c.loginToken() + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not POSIX
        }
        Files.move(tmp, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static String password(String user) throws IOException {
        String env = System.getenv("JDFS_PASSWORD");
        if (env != null && !env.isEmpty()) {
            return env;
        }
        Console c = System.console();
        if (c == null) {
            throw new IOException("no terminal to ask the password of " + user + " on: set JDFS_PASSWORD");
        }
        char[] pw = c.readPassword("password for %s: ", user);
        if (pw == null) {
            throw new IOException("no password given");
        }
        return new String(pw);
    }
}
