package io.jdfs.data;

import io.jdfs.data.store.BlockStore;
import io.jdfs.data.store.Replica;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.Command;
import io.jdfs.protocol.Errors;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Executes the name server's block recovery commands for a vanished writer's last block: tells the
 * length of the replica held here (taking it over at the recovery's generation), then cuts it to the
 * length every holder has and finalizes it. On a thread of its own: a finalize syncs the disk, and the
 * link's thread sends the heartbeats.
 */
final class ReplicaRecoveries implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaRecoveries.class);

    /** Where the length of a replica goes: to the name server. */
    interface LengthReport {
        void send(long blockId, long generation, long length, String why);
    }

    private final BlockStore store;
    private final LengthReport lengths;
    private final Consumer<Block> finalized;
    private final ExecutorService exec = Executors.newSingleThreadExecutor(
            new DefaultThreadFactory("jdfs-ds-recovery", true));

    ReplicaRecoveries(BlockStore store, LengthReport lengths, Consumer<Block> finalized) {
        this.store = store;
        this.lengths = lengths;
        this.finalized = finalized;
    }

    /** Takes a RecoverReplica or FinalizeRecovered command; other commands are not for it. */
    void execute(Command c) {
        if (c instanceof Command.RecoverReplica r) {
            exec.execute(() -> recover(r));
        } else if (c instanceof Command.FinalizeRecovered f) {
            exec.execute(() -> finalizeRecovered(f));
        }
    }

    private void recover(Command.RecoverReplica r) {
        long length;
        String why;
        try {
            length = store.inProgress().recover(r.blockId(), r.newGeneration(), r.fromGeneration());
            why = length < 0 ? "no replica of block " + r.blockId() + " from generation " + r.fromGeneration()
                    + " below " + r.newGeneration() + " here" : "";
        } catch (Exception e) {
            length = -1;
            why = Errors.unwrap(e).getMessage();
            LOG.warn("block recovery of block {}: cannot take its replica over: {}", r.blockId(), why);
        }
        lengths.send(r.blockId(), r.newGeneration(), length, why);
    }

    private void finalizeRecovered(Command.FinalizeRecovered f) {
        try {
            Replica done = store.inProgress().finalizeRecovered(f.block());
            finalized.accept(done.block());
        } catch (Exception e) {
            LOG.warn("block recovery: cannot finalize {}: {}", f.block(), Errors.unwrap(e).getMessage());
        }
    }

    @Override
    public void close() {
        exec.shutdownNow();
    }
}
