package io.jdfs.shell;

import io.jdfs.shell.client.ClientCommand;
import io.jdfs.shell.ops.Failures;
import io.jdfs.shell.client.Subcommands;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs {@code dfs client ARGS...} in this JVM against a name server, as the launcher does it. */
final class OneShot {
    private OneShot() {
    }

    /** What a command printed and its exit status. */
    record Result(int status, String out, String err) {
    }

    /** Failures become one "dfs: ..." line and status 1, as the launcher's handler makes them. */
    static Result dfsClient(String nameServer, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Subcommands.tree(new ClientCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, c, pr) -> {
            c.getErr().println("dfs: " + Failures.describe(e));
            return 1;
        });
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("-n", nameServer));
        int status = cl.execute(all.toArray(String[]::new));
        return new Result(status, out.toString(), err.toString());
    }
}
