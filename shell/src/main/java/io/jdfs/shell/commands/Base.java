package io.jdfs.shell.commands;

import io.jdfs.client.DfsClient;
import io.jdfs.shell.Session;
import io.jdfs.shell.ops.OpException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

/** A shell command: picocli parses its words, {@link #run()} does the work against the session. */
public abstract class Base implements Callable<Integer> {
    protected Session s;

    @Spec
    protected CommandSpec spec;

    /** Every command answers --help (not -h: ls, du and df use it for human-readable sizes). */
    @Option(names = "--help", help = true, description = "Show this help and exit")
    boolean help;

    /** The exit status when run() returns normally; a command that finds a problem (fsck) may raise it. */
    protected int status;

    public void bind(Session session) {
        this.s = session;
    }

    @Override
    public Integer call() throws Exception {
        status = 0;
        if (help) {
            usage(spec.commandLine(), s);
            return 0;
        }
        run();
        return status;
    }

    /** A command's usage as the shell shows it: "Usage: cat ...", not picocli's "Usage:  cat" (the root has no name). */
    static void usage(CommandLine command, Session session) {
        StringWriter text = new StringWriter();
        command.usage(new PrintWriter(text), session.fancy() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF);
        session.out().print(text.toString().replaceFirst("Usage:( \\u001b\\[[0-9;]*m)? ", "Usage:$1"));
    }

    protected abstract void run() throws Exception;

    protected PrintWriter out() {
        return s.out();
    }

    protected DfsClient client() throws OpException {
        return s.client();
    }
}
