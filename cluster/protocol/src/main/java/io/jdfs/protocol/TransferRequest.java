package io.jdfs.protocol;

import java.util.List;

/** Client or data server -> data server: block transfers. */
public sealed interface TransferRequest extends Message {
    /**
     * Opens a write of a block down a pipeline: this server, then {@code downstream} in order.
     * {@code offset} 0 starts a new replica. A pipeline recovery resumes at the acknowledged
     * {@code offset} (a multiple of the chunk size): each server takes the replica it was writing of
     * this block, at a generation from {@code fromGeneration} up to (not including) the block's new
     * one, cuts it to {@code offset} bytes and goes on from there under the new generation.
     */
    record WriteBlock(Block block, List<DataServerRef> downstream, String clientId, BlockToken token, long offset,
                      long fromGeneration, boolean noReady) implements TransferRequest {
        /**
         * {@code noReady}: the writer does not wait for WriteReady, so none is sent (down the pipeline
         * neither): a small file's write saves a message and a wake-up on each hop.
         */
        public WriteBlock(Block block, List<DataServerRef> downstream, String clientId, BlockToken token, long offset,
                          long fromGeneration) {
            this(block, downstream, clientId, token, offset, fromGeneration, false);
        }

        public WriteBlock(Block block, List<DataServerRef> downstream, String clientId, BlockToken token) {
            this(block, downstream, clientId, token, 0, 0);
        }

        public WriteBlock(Block block, List<DataServerRef> downstream, String clientId) {
            this(block, downstream, clientId, null);
        }

        /** True when this write continues a replica the server holds, rather than starting one. */
        public boolean resumes() {
            return offset > 0;
        }
    }

    /**
     * Sent under a write's request id by a writer that gives the block up on purpose, just before it
     * closes the connection: each server of the pipeline drops its replica at once (and passes this on)
     * instead of keeping it for a pipeline recovery.
     */
    record AbortWrite() implements TransferRequest {
    }

    /**
     * Pipeline recovery with a replacement: the receiving server, which holds the replica of
     * {@code block}'s id being written (at a generation from {@code fromGeneration} on), sends its first
     * {@code block.length()} bytes down {@code targets} under its own generation, then closes: they keep
     * it parked, as the survivors do, and the recovered pipeline resumes them all. Answered with
     * WriteReady once every target acknowledged every byte.
     */
    record CopyPrefix(Block block, long fromGeneration, List<DataServerRef> targets, String clientId,
                      BlockToken token) implements TransferRequest {
    }

    /** Reads {@code length} bytes from {@code offset}; the server answers in whole 64 KiB chunks. */
    record ReadBlock(long blockId, long generation, long offset, long length, BlockToken token)
            implements TransferRequest {
        public ReadBlock(long blockId, long generation, long offset, long length) {
            this(blockId, generation, offset, length, null);
        }
    }
}
