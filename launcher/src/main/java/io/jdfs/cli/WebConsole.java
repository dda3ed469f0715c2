package io.jdfs.cli;

import io.jdfs.console.ConsoleServer;
import io.jdfs.console.ConsoleSettings;
import io.jdfs.name.NameServer;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Puts the admin console at {@code /} on the name server's web port, beside the JSON API under
 * {@code /api}. A console that cannot start is reported and the name server runs on without it.
 */
final class WebConsole {
    private WebConsole() {
    }

    /**
     * @param nameServer the RPC address the console's client connects to
     * @param users      the users file, or null for an open console
     * @return true when the console is served
     */
    static boolean mount(NameServer ns, String nameServer, String secret, io.jdfs.rpc.tls.TlsSettings tls, Path users,
                         long refreshMillis,
                         PrintWriter err) {
        return mount(ns, nameServer, secret, tls, users, refreshMillis, null, err);
    }

    /** @param login how the console's client logs in to a name server with a users file; null without one */
    static boolean mount(NameServer ns, String nameServer, String secret, io.jdfs.rpc.tls.TlsSettings tls, Path users,
                         long refreshMillis, io.jdfs.client.Credentials login, PrintWriter err) {
        if (ns.web() == null) {
            return false;
        }
        try {
            ConsoleSettings settings = ConsoleSettings.of(nameServer).withSecret(secret).withTls(tls)
                    .withRefreshMillis(refreshMillis).withUsersFile(users).withLogin(login);
            ns.web().addHandler(ConsoleServer.handler(settings));
            return true;
        } catch (Exception e) {
            err.printf("dfs: the console could not start (the JSON API under /api still runs): %s%n",
                    Failures.describe(e));
            err.flush();
            return false;
        }
    }
}
