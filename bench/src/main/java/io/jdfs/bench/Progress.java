package io.jdfs.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress line on stderr: rewritten in place on a terminal, one line per step otherwise (CI logs).
 */
public final class Progress {
    private final PrintStream err;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private int lastLength;

    public Progress(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** Shows what runs now. */
    public synchronized void step(String suite, int rep, int reps, String what) {
        long s = (System.nanoTime() - start) / 1_000_000_000L;
        String line = String.format(Locale.ROOT, "[bench %02d:%02d] %-8s %d/%d  %s", s / 60, s % 60, suite, rep + 1,
                reps, what);
        show(line);
    }

    /** A line that stays (a setting, a note). */
    public synchronized void note(String text) {
        clear();
        err.println("[bench] " + text);
        err.flush();
    }

    private void show(String line) {
        if (terminal) {
            err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Removes the line (before the table). */
    public synchronized void clear() {
        if (terminal && lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            lastLength = 0;
            err.flush();
        }
    }
}
