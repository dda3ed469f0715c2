package io.jdfs.rpc;


/**
 * Acknowledgement of one packet of a write, flowing back up the pipeline. {@code failedIndex}: for a
 * DOWNSTREAM_ERROR, which server down the pipeline failed; for OK, how many servers from the sender down
 * stored the packet (the whole pipeline, or a prefix when a server further down was left out), or -1
 * when the sender does not say.
 */
public record Ack(long requestId, long seqno, Status status, int failedIndex) {
    public enum Status {
        OK, CHECKSUM_ERROR, IO_ERROR, DOWNSTREAM_ERROR
    }

    public static Ack ok(long requestId, long seqno) {
        return new Ack(requestId, seqno, Status.OK, -1);
    }

    /** OK, stored by {@code servers} servers from the sender down. */
    public static Ack stored(long requestId, long seqno, int servers) {
        return new Ack(requestId, seqno, Status.OK, servers);
    }

    /** For OK: servers from the sender down that stored the packet; 0 when not said. */
    public int storedBy() {
        return status == Status.OK ? Math.max(0, failedIndex) : 0;
    }
}
