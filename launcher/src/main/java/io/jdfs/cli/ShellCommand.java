package io.jdfs.cli;

import io.jdfs.client.ClientConfig;
import io.jdfs.shell.Shell;
import io.jdfs.shell.ShellOptions;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code dfs shell [NAME_SERVER]}: the interactive {@code dfs:/cwd>} shell, or a batch of its commands. */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"An ftp-like shell on a cluster: ls, cd, get, put, mget, mput, cat, stat, du, df, tree, status,"
                + " servers, fsck... (type help in it). Tab completes commands and remote and local paths.",
                "Batch use: -c \"cmd; cmd\", or commands piped in (no prompt); it stops at the first failing command"
                        + " and exits with its status (write -cmd for a command that may fail)."})
final class ShellCommand implements Callable<Integer>, SettingOptions.Configurable {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME_SERVER",
            description = "Same as --nameserver")
    String nameServer;

    @picocli.CommandLine.Mixin
    io.jdfs.shell.client.TlsOptions tls = new io.jdfs.shell.client.TlsOptions();

    @picocli.CommandLine.Mixin
    io.jdfs.shell.client.LoginOptions login = new io.jdfs.shell.client.LoginOptions();

    @Option(names = "-c", paramLabel = "COMMANDS", description = "Run these commands (separated by ;) and exit")
    String commands;

    @Override
    public java.util.List<Setting<?>> settings() {
        return ShellSettings.all();
    }

    @Override
    public Integer call() throws IOException {
        Settings s = Dfs.settings(spec);
        String ns = s.get(CommonSettings.NAME_SERVER, spec, nameServer, "NAME_SERVER");
        ShellOptions o = new ShellOptions(ns, s.get(CommonSettings.SECRET, spec), s.get(ShellSettings.HISTORY, spec),
                Path.of("").toAbsolutePath()).withTls(tls.settings(s::get)).withLogin(login.credentials(s::get));
        return run(o, commands, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Interactive on a terminal; otherwise the -c commands or those on stdin. */
    static int run(ShellOptions o, String commands, PrintWriter out, PrintWriter err) throws IOException {
        if (commands == null && System.console() != null) {
            try (Terminal t = TerminalBuilder.builder().system(true).name("dfs").build();
                 Shell shell = Shell.onTerminal(o, t)) {
                return shell.interactive();
            }
        }
        OutputStream raw = System.out;
        try (Shell shell = Shell.batch(o, out, err, raw)) {
            shell.connect();
            if (commands != null) {
                return shell.runScript(commands);
            }
            return shell.runLines(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        }
    }
}
