package io.jdfs.shell;

import io.jdfs.shell.ops.Format;
import io.jdfs.shell.ops.Transfer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jline.terminal.Terminal;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * What the shell shows of a transfer: a progress bar (me.tongfei:progressbar, drawn on the shell's terminal)
 * with rate and ETA once it has run for a second, and, as scp does, a summary line when it ends.
 */
final class Progress implements Transfer.Listener {
    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;

    private final Terminal terminal; // null: no bar (not a terminal)
    private final PrintWriter out;
    private final String label;
    private String name;
    private long total;
    private long start;
    private ProgressBar bar;

    Progress(Terminal terminal, PrintWriter out, String label) {
        this.terminal = terminal;
        this.out = out;
        this.label = label;
    }

    @Override
    public void started(String name, long total) {
        this.name = name;
        this.total = total;
        this.start = System.nanoTime();
    }

    @Override
    public void advanced(long done) {
        if (bar != null) {
            bar.stepTo(done);
        } else if (terminal != null && System.nanoTime() - start > SHOW_AFTER_NANOS && (total < 0 || done < total)) {
            bar = new ProgressBarBuilder()
                    .setTaskName(name)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUnit("MiB", 1 << 20)
                    .showSpeed()
                    .setSpeedUnit(ChronoUnit.SECONDS)
                    .setUpdateIntervalMillis(200)
                    .clearDisplayOnFinish()
                    .setConsumer(new TerminalConsumer(terminal))
                    .startsFrom(done, Duration.ofNanos(System.nanoTime() - start))
                    .build();
        }
    }

    @Override
    public void finished(long done, long nanos, boolean ok) {
        if (bar != null) {
            bar.stepTo(done);
            bar.close();
            bar = null;
        }
        if (ok) {
            out.println(label + "  " + Format.summary(done, nanos));
            out.flush();
        }
    }

    /** Draws the bar on one line of the terminal, redrawn in place. */
    private static final class TerminalConsumer implements ProgressBarConsumer {
        private final Terminal terminal;

        TerminalConsumer(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public int getMaxRenderedLength() {
            int w = terminal.getWidth();
            return (w <= 0 ? 80 : w) - 1;
        }

        @Override
        public synchronized void accept(String rendered) {
            terminal.writer().print('\r' + rendered);
            terminal.writer().flush();
        }

        @Override
        public synchronized void clear() {
            terminal.writer().print('\r' + " ".repeat(getMaxRenderedLength()) + '\r');
            terminal.writer().flush();
        }

        @Override
        public void close() {
            clear();
        }
    }
}
