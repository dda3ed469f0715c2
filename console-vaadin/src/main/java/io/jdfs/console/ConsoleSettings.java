package io.jdfs.console;

import io.jdfs.client.Credentials;
import io.jdfs.rpc.tls.TlsSettings;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What the console needs to know: where the name server is, the cluster secret, how often the live
 * views refresh, and the users file (null: the console is open to whoever reaches the web port).
 */
public record ConsoleSettings(String nameServer, String secret, long refreshMillis, Path usersFile, TlsSettings tls,
                              Credentials login) {
    public static final long DEFAULT_REFRESH_MILLIS = 2_000;

    public ConsoleSettings {
        Objects.requireNonNull(nameServer, "nameServer");
        if (refreshMillis < 50) {
            throw new IllegalArgumentException("refresh interval " + refreshMillis + " ms is too short (at least 50 ms)");
        }
    }

    public ConsoleSettings(String nameServer, String secret, long refreshMillis, Path usersFile) {
        this(nameServer, secret, refreshMillis, usersFile, null, null);
    }

    /**
     * How the console's client logs in to a name server that has a users file (its own user, as a
     * gateway's); null for a name server without one.
     */
    public ConsoleSettings withLogin(Credentials c) {
        return new ConsoleSettings(nameServer, secret, refreshMillis, usersFile, tls, c);
    }

    /** TLS to the name server (its trust store); null for plain TCP. */
    public ConsoleSettings withTls(TlsSettings t) {
        return new ConsoleSettings(nameServer, secret, refreshMillis, usersFile, t, login);
    }

    public static ConsoleSettings of(String nameServer) {
        return new ConsoleSettings(nameServer, null, DEFAULT_REFRESH_MILLIS, null);
    }

    public ConsoleSettings withSecret(String s) {
        return new ConsoleSettings(nameServer, s, refreshMillis, usersFile, tls, login);
    }

    public ConsoleSettings withRefreshMillis(long millis) {
        return new ConsoleSettings(nameServer, secret, millis, usersFile, tls, login);
    }

    public ConsoleSettings withUsersFile(Path file) {
        return new ConsoleSettings(nameServer, secret, refreshMillis, file, tls, login);
    }
}
