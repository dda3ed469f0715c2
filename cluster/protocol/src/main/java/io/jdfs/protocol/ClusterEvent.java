package io.jdfs.protocol;

/**
 * Something an operator should know about: a server joined, went stale or died, blocks were
 * re-replicated, a corrupt replica was found, a decommission progressed.
 *
 * @param seq increasing number, for asking "what happened since"
 */
public record ClusterEvent(long seq, long timeMillis, Kind kind, String subject, String message) {
    public enum Kind {
        SERVER_JOINED, SERVER_STALE, SERVER_DEAD, SERVER_LIVE, BLOCKS_REPLICATED, EXCESS_REMOVED, CORRUPT_REPLICA,
        BLOCK_MISSING, DECOMMISSION_STARTED, DECOMMISSION_PROGRESS, DECOMMISSIONED, RECOMMISSIONED,
        /** A writer vanished: its file was closed at what had reached the data servers. */
        LEASE_RECOVERED,
        /** A writer vanished mid-upload: the hidden temporary file was deleted, the target left as it was. */
        UPLOAD_ABANDONED
    }
}
