package io.jdfs.client.internal;

import io.jdfs.protocol.Block;
import io.jdfs.protocol.LocatedBlock;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How a {@link BlockWriter} asks the name server for a new generation and pipeline of its block, without
 * the failed servers: the rest of {@code pipeline} (server ids) when {@code ackedLength} is above 0, a
 * fresh one otherwise.
 */
@FunctionalInterface
public interface PipelineRecovery {
    CompletableFuture<LocatedBlock> recover(Block block, List<String> failedServers, long ackedLength,
                                            List<String> pipeline);
}
