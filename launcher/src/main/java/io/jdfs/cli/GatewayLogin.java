package io.jdfs.cli;

import io.jdfs.client.Credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a gateway (WebDAV, the console) logs in to a name server that has a users file: as its own
 * user, normally one of the name server's proxy users, with a password file (or env JDFS_PASSWORD)
 * or a saved login token. Files, not command-line passwords, so no secret shows in {@code ps}.
 */
final class GatewayLogin {
    private GatewayLogin() {
    }

    /** The credentials to log in with, or null when none are given (a name server without users). */
    static Credentials of(String what, String user, Path passwordFile, Path tokenFile) {
        try {
            if (user != null) {
                String password = passwordFile != null ? firstLine(passwordFile) : System.getenv("JDFS_PASSWORD");
                if (password == null || password.isEmpty()) {
                    throw new CliException(what + " logs in as " + user + " but has no password: give a password"
                            + " file or set JDFS_PASSWORD");
                }
                return Credentials.password(user, password);
            }
            if (tokenFile != null) {
                return Credentials.token(firstLine(tokenFile));
            }
            return null;
        } catch (IOException e) {
            throw new CliException(what + ": cannot read its login: " + e.getMessage());
        }
    }

    private static String firstLine(Path file) throws IOException {
        String s = Files.readString(file, StandardCharsets.UTF_8).strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).strip();
    }
}
