package io.jdfs.data.transfer;

import io.jdfs.data.metrics.DataServerMetrics;
import io.jdfs.data.store.BlockStore;
import io.jdfs.protocol.Block;
import io.jdfs.rpc.BlockTokens;
import io.jdfs.rpc.ClusterIdentity;
import io.jdfs.rpc.DataConnections;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * What block transfers on a data server share: the store, the pool of connections to the next servers of
 * pipelines, listeners, and the check of block access tokens.
 */
public record TransferContext(BlockStore store, ClusterIdentity identity, Consumer<Block> onFinalized,
                              AtomicInteger activeTransfers, DataConnections mirrors,
                              DataServerMetrics metrics, BlockTokens.Verifier tokens, BlockReplicator replicator) {
}
