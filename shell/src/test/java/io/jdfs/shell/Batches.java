package io.jdfs.shell;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs a script in the shell's batch mode (as {@code dfs shell -c}) and keeps what it printed. */
final class Batches {
    private Batches() {
    }

    record Batch(int status, String out, String err) {
    }

    static Batch run(ShellOptions options, String script) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(); // text and bytes (cat) interleave as on stdout
        StringWriter err = new StringWriter();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true);
        try (Shell shell = Shell.batch(options, out, new PrintWriter(err, true), bytes)) {
            shell.connect();
            int status = shell.runScript(script);
            out.flush();
            return new Batch(status, bytes.toString(StandardCharsets.UTF_8), err.toString());
        }
    }
}
