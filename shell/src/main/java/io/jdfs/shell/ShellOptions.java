package io.jdfs.shell;

import io.jdfs.client.Credentials;
import io.jdfs.rpc.tls.TlsSettings;

import java.nio.file.Path;

/**
 * How a shell starts.
 *
 * @param nameServer  HOST:PORT to connect to at start, or null to start unconnected
 * @param secret      the cluster secret, or null
 * @param historyFile where the interactive history is kept (null: none)
 * @param localDir    the starting local directory (lcd)
 * @param tls         TLS to the cluster, or null for plain TCP
 * @param login       how to log in (clusters with a users file), or null
 */
public record ShellOptions(String nameServer, String secret, Path historyFile, Path localDir, TlsSettings tls,
                           Credentials login) {
    public ShellOptions(String nameServer, String secret, Path historyFile, Path localDir) {
        this(nameServer, secret, historyFile, localDir, null, null);
    }

    /** Logs in with these credentials (clusters with a users file); null for simple mode. */
    public ShellOptions withLogin(Credentials c) {
        return new ShellOptions(nameServer, secret, historyFile, localDir, tls, c);
    }

    public static Path defaultHistoryFile() {
        return Path.of(System.getProperty("user.home"), ".jdfs_history");
    }

    public static ShellOptions of(String nameServer) {
        return new ShellOptions(nameServer, null, defaultHistoryFile(), Path.of("").toAbsolutePath());
    }

    public ShellOptions withHistoryFile(Path file) {
        return new ShellOptions(nameServer, secret, file, localDir, tls, login);
    }

    public ShellOptions withLocalDir(Path dir) {
        return new ShellOptions(nameServer, secret, historyFile, dir, tls, login);
    }

    public ShellOptions withSecret(String s) {
        return new ShellOptions(nameServer, s, historyFile, localDir, tls, login);
    }

    /** TLS to the cluster (its trust store); null for plain TCP. */
    public ShellOptions withTls(TlsSettings t) {
        return new ShellOptions(nameServer, secret, historyFile, localDir, t, login);
    }
}
