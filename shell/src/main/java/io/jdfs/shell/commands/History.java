package io.jdfs.shell.commands;

import org.jline.reader.History.Entry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "history", description = "Show the command history (kept across sessions).")
public final class History extends Base {
    @Option(names = "-c", description = "Clear the history")
    boolean clear;

    @Override
    protected void run() throws java.io.IOException {
        if (s.reader() == null) {
            return; // batch mode: no history
        }
        org.jline.reader.History h = s.reader().getHistory();
        if (clear) {
            h.purge();
            return;
        }
        for (Entry e : h) {
            out().printf("%5d  %s%n", e.index() + 1, e.line());
        }
    }
}
