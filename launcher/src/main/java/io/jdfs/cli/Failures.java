package io.jdfs.cli;

/** Turns any failure into the one line a user reads after "dfs: " (the shell's wording, plus CLI errors). */
final class Failures {
    private Failures() {
    }

    static String describe(Throwable t) {
        if (t instanceof CliException) {
            return Dfs.oneLine(t.getMessage());
        }
        return io.jdfs.shell.ops.Failures.describe(t);
    }
}
