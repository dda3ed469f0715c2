package io.jdfs.cli;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.DfsClient;
import io.jdfs.common.HostPort;
import io.jdfs.webdav.WebDavOptions;
import io.jdfs.webdav.WebDavServer;
import io.jdfs.webdav.auth.Users;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code dfs webdav [PORT] [NAME_SERVER]}: the WebDAV gateway in the foreground. */
@Command(name = "webdav", mixinStandardHelpOptions = true,
        description = {"Serve the namespace over WebDAV (class 1 and 2): map it as a network drive, or use "
                + "davfs2, rclone, cadaver, curl.",
                "Locks and dead properties live in this process and go when it stops."})
final class WebDavCommand implements Callable<Integer> {
    static final int DEFAULT_PORT = 8081;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PORT", description = "Same as --port")
    String portArg;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME_SERVER", description = "Same as --nameserver")
    String nameServerArg;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP(S) port (default 8081)")
    String port;

    @Option(names = {"-n", "--nameserver"}, paramLabel = "HOST:PORT", description = "Name server (default localhost:9000)")
    String nameServer;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)")
    String bind;

    @Option(names = "--users", paramLabel = "FILE",
            description = "Users file, lines name:bcrypt-hash[:uid[:gid]]; with it anonymous access is refused")
    String users;

    @Option(names = "--keystore", paramLabel = "FILE", description = "PKCS#12/JKS key store: serve HTTPS only")
    String keyStore;

    @Option(names = "--keystore-password", paramLabel = "PASSWORD",
            description = "Key store password (prefer env JDFS_WEBDAV_KEYSTORE_PASSWORD)")
    String keyStorePassword;

    @Option(names = "--secret", paramLabel = "SECRET", description = "Cluster secret (default none; prefer JDFS_SECRET)")
    String secret;

    @picocli.CommandLine.Mixin
    io.jdfs.shell.client.TlsOptions tls = new io.jdfs.shell.client.TlsOptions();

    @Option(names = "--user", paramLabel = "NAME",
            description = "Log in to a name server that has a users file as NAME, one of its --proxy-users: the gateway"
                    + " then acts for each Basic-auth user as that user")
    String loginUser;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "The --user's password, first line of FILE (default env JDFS_PASSWORD)")
    String passwordFile;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A saved login token to log in with instead of --user")
    String tokenFile;

    @Option(names = "--hash-user", paramLabel = "NAME",
            description = "Print a users-file line for NAME (password read from the terminal or stdin) and exit")
    String hashUser;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (hashUser != null) {
            out.println(Users.line(hashUser, readPassword(), 1000, 1000));
            out.flush();
            return 0;
        }
        Settings s = Dfs.settings(spec);
        String ns = s.get("nameserver", nameServer != null ? nameServer : nameServerArg, "localhost:9000");
        try {
            HostPort.parse(ns, ClientConfig.DEFAULT_NAME_SERVER_PORT);
        } catch (IllegalArgumentException e) {
            throw new CliException("invalid name server address '" + ns + "': " + e.getMessage());
        }
        int p = s.port("webdav.port", port != null ? port : portArg, DEFAULT_PORT);
        String address = s.get("webdav.bind", bind, "127.0.0.1");
        String usersFile = s.get("webdav.users", users, null);
        io.jdfs.rpc.tls.TlsSettings clusterTls = tls.settings(s::get);
        // HTTPS with the node's key store unless the gateway is given one of its own
        String ks = s.get("webdav.keystore", keyStore, clusterTls == null ? null : clusterTls.keyStore().toString());
        WebDavOptions options = WebDavOptions.defaults();
        if (usersFile != null) {
            options = options.withUsers(Path.of(usersFile));
        }
        if (ks != null) {
            options = options.withKeyStore(Path.of(ks), s.get("webdav.keystore-password", keyStorePassword,
                    clusterTls == null ? "" : clusterTls.password()));
        }
        DfsClient client;
        WebDavServer server;
        try {
            client = DfsClient.connect(ClientConfig.of(ns).withSecret(s.get("secret", secret, null)).withTls(clusterTls)
                    .withLogin(GatewayLogin.of("the WebDAV gateway", s.get("webdav.user", loginUser, null),
                            s.get("webdav.password-file", passwordFile, null), s.get("webdav.token-file", tokenFile, null))));
        } catch (CliException e) {
            throw e;
        } catch (Exception e) {
            throw Foreground.cannotStart("the WebDAV gateway: no name server at " + ns, e);
        }
        try {
            server = WebDavServer.start(address, p, client, options);
        } catch (Exception e) {
            client.close();
            throw Foreground.cannotStart("the WebDAV gateway on " + address + ":" + p, e);
        }
        out.printf("JDFS WebDAV gateway%n");
        out.printf("  url          %s%n", server.url());
        out.printf("  name server  %s%n", ns);
        out.printf("  users        %s%n", usersFile == null ? "anonymous read-write" : usersFile);
        if (usersFile == null && !address.startsWith("127.") && !address.equals("localhost")) {
            out.printf("  WARNING      anyone who reaches %s:%d can write: give --users%n", address, p);
        }
        return Foreground.runUntilStopped(out, () -> {
            server.close();
            client.close();
        });
    }

    private static String readPassword() throws Exception {
        Console c = System.console();
        if (c != null) {
            char[] pw = c.readPassword("password: ");
            return pw == null ? "" : new String(pw);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new CliException("no password on stdin");
        }
        return line;
    }
}
