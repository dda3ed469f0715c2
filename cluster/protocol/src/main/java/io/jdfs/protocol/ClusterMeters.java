package io.jdfs.protocol;

/**
 * Running totals from the name server's meters (the ones {@code /metrics} serves), read at
 * {@code atMillis}: two readings give rates. Byte counts add up what every data server reported in
 * its heartbeats, so they trail by up to one heartbeat.
 *
 * @param bytesRead           block data sent by data servers (to clients and for copies)
 * @param bytesWritten        block data stored by data servers (every replica counts)
 * @param journalTransactions namespace changes journaled
 * @param journalFsyncs       journal fsyncs (group commits)
 * @param rpcCalls            calls the name server answered
 * @param replicationQueued   blocks waiting for a copy
 * @param replicationInFlight blocks being copied now
 */
public record ClusterMeters(long atMillis, long bytesRead, long bytesWritten, long journalTransactions,
                            long journalFsyncs, long rpcCalls, long replicationQueued, long replicationInFlight) {
}
