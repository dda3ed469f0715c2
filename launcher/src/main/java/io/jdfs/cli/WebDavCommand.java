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
final class WebDavCommand implements Callable<Integer>, SettingOptions.Configurable {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PORT", description = "Same as --port")
    String portArg;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME_SERVER", description = "Same as --nameserver")
    String nameServerArg;

    @picocli.CommandLine.Mixin
    io.jdfs.shell.client.TlsOptions tls = new io.jdfs.shell.client.TlsOptions();

    @Option(names = "--hash-user", paramLabel = "NAME",
            description = "Print a users-file line for NAME (password read from the terminal or stdin) and exit")
    String hashUser;

    @Override
    public java.util.List<Setting<?>> settings() {
        return WebDavSettings.all();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (hashUser != null) {
            out.println(Users.line(hashUser, readPassword(), 1000, 1000));
            out.flush();
            return 0;
        }
        Settings s = Dfs.settings(spec);
        String ns = s.get(CommonSettings.NAME_SERVER, spec, nameServerArg, "NAME_SERVER");
        try {
            HostPort.parse(ns, ClientConfig.DEFAULT_NAME_SERVER_PORT);
        } catch (IllegalArgumentException e) {
            throw new CliException("invalid name server address '" + ns + "': " + e.getMessage());
        }
        int p = s.get(WebDavSettings.PORT, spec, portArg, "PORT");
        String address = s.get(WebDavSettings.BIND, spec);
        Path usersFile = s.get(WebDavSettings.USERS, spec);
        io.jdfs.rpc.tls.TlsSettings clusterTls = tls.settings(s::get);
        // HTTPS with the node's key store unless the gateway is given one of its own
        Path ks = s.get(WebDavSettings.KEYSTORE, spec);
        if (ks == null && clusterTls != null) {
            ks = clusterTls.keyStore();
        }
        WebDavOptions options = WebDavOptions.defaults();
        if (usersFile != null) {
            options = options.withUsers(usersFile);
        }
        if (ks != null) {
            String password = s.get(WebDavSettings.KEYSTORE_PASSWORD, spec);
            options = options.withKeyStore(ks, password != null ? password : clusterTls == null ? "" : clusterTls.password());
        }
        DfsClient client;
        WebDavServer server;
        try {
            client = DfsClient.connect(ClientConfig.of(ns).withSecret(s.get(CommonSettings.SECRET, spec)).withTls(clusterTls)
                    .withLogin(GatewayLogin.of("the WebDAV gateway", s.get(WebDavSettings.LOGIN_USER, spec),
                            s.get(WebDavSettings.PASSWORD_FILE, spec), s.get(WebDavSettings.TOKEN_FILE, spec))));
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
