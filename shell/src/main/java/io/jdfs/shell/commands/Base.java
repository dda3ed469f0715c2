package io.jdfs.shell.commands;

import io.jdfs.client.DfsClient;
import io.jdfs.shell.Session;
import io.jdfs.shell.ops.OpException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** A shell command: picocli parses its words, {@link #run()} does the work against the session. */
public abstract class Base implements Callable<Integer> {
    protected Session s;

    @Spec
    protected CommandSpec spec;

    /** Every command answers --help (not -h: ls, du and df use it for human-readable sizes). */
    @Option(names = "--help", usageHelp = true, description = "Show this help and exit")
    boolean help;

    /** The exit status when run() returns normally; a command that finds a problem (fsck) may raise it. */
    protected int status;

    public void bind(Session session) {
        this.s = session;
    }

    @Override
    public Integer call() throws Exception {
        status = 0;
        run();
        return status;
    }

    protected abstract void run() throws Exception;

    protected PrintWriter out() {
        return s.out();
    }

    protected DfsClient client() throws OpException {
        return s.client();
    }
}
