package io.jdfs.name.safemode;

import io.jdfs.protocol.SafeModeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * After start-up the name server serves reads but refuses changes until block reports cover a share
 * of the blocks it knows (or a timeout passes): changing the namespace before it knows where the data
 * is would, say, close an open file at the wrong block. An operator can also hold it there.
 */
public final class SafeMode {
    private static final Logger LOG = LoggerFactory.getLogger(SafeMode.class);

    private final double threshold;
    private final long timeoutNanos;
    private final Runnable onLeave;
    private volatile boolean on;
    private volatile boolean manual;
    private volatile long enteredNanos;
    private volatile long reported;
    private volatile long total;

    public SafeMode(double threshold, long timeoutMillis, Runnable onLeave) {
        this.threshold = threshold;
        this.timeoutNanos = timeoutMillis * 1_000_000;
        this.onLeave = onLeave;
    }

    /** Enters safe mode for start-up; it ends by itself. */
    public synchronized void enterForStartup() {
        on = true;
        manual = false;
        enteredNanos = System.nanoTime();
        LOG.info("safe mode ON: waiting for block reports to cover {}% of the blocks (at most {} s)",
                String.format(Locale.ROOT, "%.1f", threshold * 100), timeoutNanos / 1_000_000_000);
    }

    public synchronized void enterManually() {
        on = true;
        manual = true;
        LOG.info("safe mode ON by operator request");
    }

    public synchronized void leaveManually() {
        if (on) {
            leave("by operator request");
        }
    }

    public boolean isOn() {
        return on;
    }

    /** Re-evaluates start-up safe mode with the latest counts. */
    public synchronized void update(long reportedBlocks, long totalBlocks) {
        reported = reportedBlocks;
        total = totalBlocks;
        if (!on || manual) {
            return;
        }
        if (totalBlocks == 0 || reportedBlocks >= threshold * totalBlocks) {
            leave(reportedBlocks + " of " + totalBlocks + " blocks reported");
        } else if (System.nanoTime() - enteredNanos > timeoutNanos) {
            leave("timeout with " + reportedBlocks + " of " + totalBlocks + " blocks reported");
        }
    }

    private void leave(String why) {
        on = false;
        manual = false;
        LOG.info("safe mode OFF: {}", why);
        onLeave.run();
    }

    public void checkWritable() throws SafeModeException {
        if (on) {
            throw new SafeModeException("the name server is in safe mode (" + status() + "); changes are refused"
                    + (manual ? " until an operator runs 'dfs admin safemode leave'" : " until enough blocks are reported"));
        }
    }

    public String status() {
        if (!on) {
            return "off";
        }
        if (manual) {
            return "on, entered by an operator";
        }
        return "on, " + reported + " of " + total + " blocks reported, threshold "
                + String.format(Locale.ROOT, "%.1f%%", threshold * 100);
    }
}
