package io.jdfs.shell;

import io.jdfs.shell.commands.Base;
import io.jdfs.shell.commands.Commands;
import io.jdfs.shell.ops.CancelledException;
import io.jdfs.shell.ops.Failures;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.List;

/**
 * The {@code dfs:/cwd>} shell. Interactive on a JLine terminal (completion, history, progress bars, Ctrl-C
 * cancels the running transfer, Ctrl-D leaves), or in batch mode over a script or a pipe: no prompt, it stops
 * at the first failing command and exits with its status (a command written as {@code -cmd} may fail).
 */
public final class Shell implements AutoCloseable {
    /** Exit status of a command cancelled with Ctrl-C, of a usage error, and of an unknown command. */
    public static final int CANCELLED = 130;
    public static final int USAGE = 2;
    public static final int UNKNOWN = 127;

    private final ShellOptions options;
    private final Session session;
    private final CommandLine commands;
    private final Terminal terminal;

    private Shell(ShellOptions options, Terminal terminal, PrintWriter out, PrintWriter err, OutputStream raw) {
        this.options = options;
        this.terminal = terminal;
        this.session = new Session(options, terminal, out, err, raw);
        this.commands = commandLine(session);
    }

    /** A shell on a terminal (a real one, or in tests a dumb one over streams). */
    public static Shell onTerminal(ShellOptions options, Terminal terminal) {
        return new Shell(options, terminal, terminal.writer(), terminal.writer(), terminal.output());
    }

    /** A shell without a terminal: output and errors go where they are told (stdout, stderr). */
    public static Shell batch(ShellOptions options, PrintWriter out, PrintWriter err, OutputStream raw) {
        return new Shell(options, null, out, err, raw);
    }

    public Session session() {
        return session;
    }

    /** The command line the shell parses each command with. */
    CommandLine commands() {
        return commands;
    }

    public ShellCompleter completer() {
        return new ShellCompleter(commands, session);
    }

    private static CommandLine commandLine(Session session) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cl = new CommandLine(new Commands(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K k = defaults.create(cls);
                if (k instanceof Base b) {
                    b.bind(session);
                }
                return k;
            }
        });
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(session.out());
        cl.setErr(session.err());
        cl.setExecutionExceptionHandler((e, c, pr) -> {
            String name = c.getCommandName();
            if (e instanceof CancelledException) {
                session.err().println(name + ": cancelled");
                return CANCELLED;
            }
            if (Failures.isConnectionLost(e)) {
                session.err().println(name + ": " + Failures.describe(e) + (session.connected()
                        ? " (the shell stays; run the command again, or open HOST:PORT)"
                        : " (not connected: open HOST:PORT)"));
                return 1;
            }
            session.err().println(name + ": " + Failures.describe(e));
            return 1;
        });
        cl.setParameterExceptionHandler((e, args) -> {
            String name = e.getCommandLine().getCommandName();
            session.err().println(name + ": " + Failures.oneLine(e.getMessage()) + " (see: help " + name + ")");
            return USAGE;
        });
        return cl;
    }

    /** Connects to the name server given at start; a failure is one line, and the shell goes on unconnected. */
    public boolean connect() {
        if (options.nameServer() == null) {
            return false;
        }
        try {
            session.open(options.nameServer());
            return true;
        } catch (IOException | RuntimeException e) {
            session.err().println("not connected: " + Failures.describe(e) + " (use: open HOST:PORT)");
            session.err().flush();
            return false;
        }
    }

    // ---- interactive -------------------------------------------------------------------------------

    /** The REPL: reads lines until exit or Ctrl-D; returns 0. */
    public int interactive() {
        if (terminal == null) {
            throw new IllegalStateException("no terminal");
        }
        LineReaderBuilder b = LineReaderBuilder.builder().appName("dfs").terminal(terminal).parser(new ShellParser())
                .completer(completer())
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!cmd' runs a local command, as in sftp
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
                .option(LineReader.Option.AUTO_FRESH_LINE, true)
                .variable(LineReader.HISTORY_SIZE, 5_000)
                .variable(LineReader.HISTORY_FILE_SIZE, 10_000);
        if (options.historyFile() != null) {
            b.variable(LineReader.HISTORY_FILE, options.historyFile());
        }
        LineReader reader = b.build();
        session.reader(reader);
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, sig -> session.interrupt());
        try {
            if (options.nameServer() != null) {
                if (connect()) {
                    session.out().println("Connected to " + session.address() + ". Type help for the commands, Tab to complete.");
                }
            } else {
                session.out().println("Not connected (open HOST:PORT). Type help for the commands.");
            }
            session.out().flush();
            while (!session.exitRequested()) {
                String line;
                try {
                    line = reader.readLine(prompt());
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C at the prompt: a fresh line
                } catch (EndOfFileException e) {
                    break; // Ctrl-D
                }
                runQuietly(line);
                session.out().flush();
            }
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            try {
                reader.getHistory().save();
            } catch (IOException e) {
                session.err().println("could not save the history: " + Failures.describe(e));
            }
            session.out().flush();
        }
        return 0;
    }

    /**
     * Runs a typed line with the terminal's echo of control characters off, so Ctrl-C during a transfer
     * leaves no "^C" beside (or a stray "^" after) the progress bar; a local command (!cmd) keeps the echo.
     */
    private void runQuietly(String line) {
        Attributes before = session.fancy() && !line.stripLeading().startsWith("!") ? terminal.getAttributes() : null;
        if (before != null) {
            Attributes quiet = new Attributes(before);
            quiet.setLocalFlag(Attributes.LocalFlag.ECHOCTL, false);
            terminal.setAttributes(quiet);
        }
        try {
            runLine(line, false);
        } finally {
            if (before != null) {
                terminal.setAttributes(before);
            }
        }
    }

    /** {@code dfs:/cwd> } when connected, {@code dfs (not connected)> } otherwise. */
    String prompt() {
        return session.connected() ? "dfs:" + session.cwd() + "> " : "dfs (not connected)> ";
    }

    // ---- batch -------------------------------------------------------------------------------------

    /** Runs "cmd; cmd" (as given to -c); returns the status of the first failure, or 0. */
    public int runScript(String script) {
        return runLine(script, true);
    }

    /** Runs the commands read from a pipe or file, one or more a line; stops at the first failure. */
    public int runLines(BufferedReader in) throws IOException {
        String line;
        while (!session.exitRequested() && (line = in.readLine()) != null) {
            int status = runLine(line, true);
            if (status != 0) {
                return status;
            }
        }
        return 0;
    }

    /** Runs the commands of one line; in batch mode stops at the first failure and returns its status. */
    int runLine(String line, boolean stopOnFailure) {
        if (line.stripLeading().startsWith("!")) {
            return LocalCommand.run(line.stripLeading().substring(1), session, session.fancy());
        }
        List<List<String>> cmds;
        try {
            cmds = Words.commands(line);
        } catch (IllegalArgumentException e) {
            session.err().println("dfs: " + e.getMessage());
            session.err().flush();
            return USAGE;
        }
        int first = 0;
        for (List<String> words : cmds) {
            if (session.exitRequested()) {
                break;
            }
            boolean mayFail = words.get(0).startsWith("-") && words.get(0).length() > 1;
            if (mayFail) {
                words.set(0, words.get(0).substring(1));
            }
            int status = execute(words);
            session.out().flush();
            session.err().flush();
            if (status != 0 && !mayFail) {
                if (stopOnFailure) {
                    return status;
                }
                first = first == 0 ? status : first;
            }
        }
        return first;
    }

    /** Runs one command; never throws: failures are printed as one line and returned as a status. */
    public int execute(List<String> words) {
        String name = words.get(0);
        if (!commands.getSubcommands().containsKey(name)) {
            session.err().println(name + ": unknown command (help lists them)");
            return UNKNOWN;
        }
        session.commandStarting();
        try {
            return commands.execute(words.toArray(String[]::new));
        } catch (RuntimeException e) {
            session.err().println(name + ": " + Failures.describe(e));
            return 1;
        } finally {
            session.commandEnded();
        }
    }

    public boolean exitRequested() {
        return session.exitRequested();
    }

    @Override
    public void close() {
        session.close();
    }
}
