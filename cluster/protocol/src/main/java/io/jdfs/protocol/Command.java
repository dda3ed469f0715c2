package io.jdfs.protocol;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/** Work the name server hands to a data server in a heartbeat reply. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
public sealed interface Command {
    /**
     * Delete these replicas: every replica of {@code blockIds}, and of {@code stale} only a replica
     * whose generation is not newer than the one given (a stale copy may meanwhile have been rewritten).
     */
    record DeleteBlocks(List<Long> blockIds, List<Block> stale) implements Command {
        public DeleteBlocks {
            blockIds = blockIds == null ? List.of() : blockIds;
            stale = stale == null ? List.of() : stale;
        }
    }

    /** @param token lets the targets take the copy (a COPY token; null until the RPC layer adds it) */
    record ReplicateBlock(Block block, List<DataServerRef> targets, BlockToken token) implements Command {
        public ReplicateBlock(Block block, List<DataServerRef> targets) {
            this(block, targets, null);
        }
    }

    /** The keys block tokens are signed with now: the data server checks tokens against these. */
    record BlockKeys(List<BlockKey> keys) implements Command {
    }

    /**
     * Block recovery of a vanished writer's last block, step one: stop writing the replica of
     * {@code blockId} here, move it to {@code newGeneration} (a write still going on to it fails) and
     * answer with a {@link DataServerRequest.RecoveryLength} saying how many bytes it holds. A replica
     * older than {@code fromGeneration} (the block's generation before the recovery) is stale: a pipeline
     * recovery left it behind, it may be shorter than what was acknowledged, and it is answered as none
     * (0, as sent by a name server that did not know the field: no bound).
     */
    record RecoverReplica(long blockId, long newGeneration, long fromGeneration) implements Command {
        public RecoverReplica(long blockId, long newGeneration) {
            this(blockId, newGeneration, 0);
        }
    }

    /**
     * Block recovery, step two: cut the replica of {@code block}'s id held for the recovery to
     * {@code block.length()} bytes and finalize it at {@code block.generation()} (reported as received).
     * Done again, for a replica finalized so already, it only reports it again.
     */
    record FinalizeRecovered(Block block) implements Command {
    }

    /** The name server does not know this server (it restarted): register and report again. */
    record Reregister() implements Command {
    }
}
