package io.jdfs.name.journal;

import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.ErrorCode;

import java.time.Instant;

/**
 * Whether the name server may still change its namespace, and may still answer from it, after its
 * journal failed. A failed journal makes the name server read-only at once. Changes are applied in
 * memory before their journal sync (as HDFS's edit log), so a failed sync leaves changes in memory
 * that the disk does not hold: the state is then "dirty", and namespace reads are refused too, so no
 * caller ever sees a change the journal lost (a restart reloads exactly what is on disk). A failure
 * that lost nothing (a new segment that could not be opened at a checkpoint) keeps reads served.
 */
public final class JournalHealth {
    private volatile String reason;
    private volatile Instant since;
    private volatile long lostTransactions;
    private volatile boolean lostChanges;

    /** The journal failed; {@code lost} changes were applied in memory but are not on disk. */
    synchronized void failed(Throwable cause, long lost) {
        if (reason == null) {
            reason = "the journal could not be written (" + cause.getMessage() + ")";
            since = Instant.now();
        }
        if (lost > 0) {
            lostTransactions += lost;
            lostChanges = true;
        }
    }

    /** A change was applied in memory but its journal append was refused (the journal had just failed). */
    public synchronized void lostChange(Throwable cause) {
        failed(cause, 1);
    }

    public boolean writable() {
        return reason == null;
    }

    /** True when memory holds changes the journal lost: namespace reads are refused. */
    public boolean lostChanges() {
        return lostChanges;
    }

    public long lostTransactions() {
        return lostTransactions;
    }

    /** Null while writable; else what an operator reads in the status: why, since when, what is refused. */
    public String describe() {
        String r = reason;
        if (r == null) {
            return null;
        }
        return "read-only since " + since + ": " + r + (lostChanges
                ? "; " + lostTransactions + " change(s) applied in memory were lost, so namespace reads are refused too"
                : "") + ". Free the disk and restart the name server: it reloads every acknowledged change";
    }

    /** Refuses a change once the journal failed. */
    public void checkWritable() throws DfsException {
        if (reason != null) {
            throw new DfsException(ErrorCode.READ_ONLY, "the name server is " + describe());
        }
    }

    /** Refuses a namespace read when memory may hold changes the journal lost. */
    public void checkReadable() throws DfsException {
        if (lostChanges) {
            throw new DfsException(ErrorCode.READ_ONLY, "the name server is " + describe());
        }
    }
}
