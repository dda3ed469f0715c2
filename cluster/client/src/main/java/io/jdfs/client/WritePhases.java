package io.jdfs.client;

/**
 * How long the phases of one file's write took, in nanoseconds: the create call (with block 0's
 * allocation), the close's wait for its blocks' pipelines to acknowledge everything (for a file of one
 * packet: that packet's trip down the pipeline, stored and synced on every server, and back), and the
 * Complete call (the name server's wait for the block reports, if any, and its journal sync).
 */
public record WritePhases(long createNanos, long dataNanos, long completeNanos) {
}
