package io.jdfs.rpc;


/** Acknowledgement of one packet of a write, flowing back up the pipeline. */
public record Ack(long requestId, long seqno, Status status, int failedIndex) {
    public enum Status {
        OK, CHECKSUM_ERROR, IO_ERROR, DOWNSTREAM_ERROR
    }

    public static Ack ok(long requestId, long seqno) {
        return new Ack(requestId, seqno, Status.OK, -1);
    }
}
