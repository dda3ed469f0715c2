package io.jdfs.name;

import io.jdfs.name.blocks.BlockMap;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.Caller;
import io.jdfs.protocol.ClientRequest;
import io.jdfs.protocol.Command;
import io.jdfs.protocol.DataServerRequest;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.LeaseConflictException;
import io.jdfs.protocol.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A writer whose lease expired is still named by its file while the name server recovers the last block;
 * its late calls are refused (a writer going on would race the recovery, whose generation it would move
 * on, and the file could lose its acknowledged last block); and the replicas the recovery counts on are
 * not deleted as stale under it.
 */
class ExpiredWriterFencingTest {
    private NamespaceServiceFixture fixture;
    private BlockMap blocks;
    private NamespaceService svc;

    @BeforeEach
    void start() throws Exception {
        // leases expire at once: the test decides when the check runs
        fixture = new NamespaceServiceFixture("fencing", 4, 0);
        blocks = fixture.blocks;
        svc = fixture.svc;
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aWriterWhoseLeaseExpiredCannotGoOnDuringTheRecoveryOfItsLastBlock() throws Exception {
        Reply.CreatedReply c = svc.writes().createWithBlock(Caller.ROOT,
                new ClientRequest.CreateWithBlock("/f", false, 2, 1 << 20, 0644, "w"));
        long inode = c.status().inodeId();
        Block block = c.block().block();
        List<String> pipeline = c.block().locations().stream().map(DataServerRef::id).toList();
        while (svc.blockRecovery().underWay() == 0) {
            svc.recoverExpiredLeases(); // the lease check of a writer silent past its expiry
        }
        long recovering = blocks.get(block.id()).generation();
        assertThat(recovering).isGreaterThan(block.generation());

        // the writer's pipeline broke (the holders were taken over): it asks to go on, and is refused
        assertThatThrownBy(() -> svc.writes().recoverBlock(new ClientRequest.RecoverBlock("/f", inode, "w", block.id(),
                List.of(pipeline.get(0)), 4096, pipeline)))
                .isInstanceOf(LeaseConflictException.class)
                .hasMessageContaining("the name server recovered /f after the writer's lease expired");
        assertThatThrownBy(() -> svc.writes().addBlock(new ClientRequest.AddBlock("/f", inode, "w", 1, null)))
                .isInstanceOf(LeaseConflictException.class);
        assertThatThrownBy(() -> svc.writes().complete(new ClientRequest.Complete("/f", inode, "w",
                List.of(new Block(block.id(), block.generation(), 4096)))))
                .isInstanceOf(LeaseConflictException.class);
        assertThatThrownBy(() -> svc.rewrites().commitWrite(new ClientRequest.CommitWrite("/f", inode, "w", 1,
                List.of(), true))).isInstanceOf(LeaseConflictException.class);
        // a renewal does not bring the lease back
        svc.renewLease("w");
        assertThatThrownBy(() -> svc.writes().addBlock(new ClientRequest.AddBlock("/f", inode, "w", 1, null)))
                .isInstanceOf(LeaseConflictException.class);
        // the recovery's generation stands: nothing moved the block on under it
        assertThat(blocks.get(block.id()).generation()).isEqualTo(recovering);
        assertThat(svc.blockRecovery().underWay()).isEqualTo(1);
    }

    @Test
    void aFinalizedReplicaTheRecoveryCountsOnIsNotDeletedAsStale() throws Exception {
        Reply.CreatedReply c = svc.writes().createWithBlock(Caller.ROOT,
                new ClientRequest.CreateWithBlock("/g", false, 2, 1 << 20, 0644, "w"));
        Block block = c.block().block();
        String holder = c.block().locations().get(0).id();
        while (svc.blockRecovery().underWay() == 0) {
            svc.recoverExpiredLeases();
        }
        assertThat(blocks.get(block.id()).generation()).isGreaterThan(block.generation());
        // the writer's close (or an earlier try of the recovery) finalized it below the recovery's generation
        assertThat(blocks.replicaReceived(holder, new Block(block.id(), block.generation(), 4096))).isFalse();
        assertThat(blocks.takeStaleDeletions(holder, 100)).isEmpty(); // the recovery finalizes it at its own
        // older than the block was before the recovery: stale as before
        assertThat(blocks.replicaReceived(holder, new Block(block.id(), block.generation() - 1, 4096))).isFalse();
        assertThat(blocks.takeStaleDeletions(holder, 100)).hasSize(1);
    }

    @Test
    void whenEveryReplicaIsBelowTheBoundTheRecoveryAsksOnceMoreWithoutIt() throws Exception {
        Reply.CreatedReply c = svc.writes().createWithBlock(Caller.ROOT,
                new ClientRequest.CreateWithBlock("/h", false, 2, 1 << 20, 0644, "w"));
        Block block = c.block().block();
        List<String> pipeline = c.block().locations().stream().map(DataServerRef::id).toList();
        while (svc.blockRecovery().underWay() == 0) {
            svc.recoverExpiredLeases();
        }
        long first = blocks.get(block.id()).generation();
        assertThat(svc.blockRecovery().commandsFor(pipeline.get(0))).containsExactly(
                new Command.RecoverReplica(block.id(), first, block.generation()));
        // (as after a restart, when the bound is a generation its holders never reached) none counts
        for (String s : pipeline) {
            svc.blockRecovery().reported(new DataServerRequest.RecoveryLength(s, block.id(), first, -1, "stale"));
        }
        svc.recoverExpiredLeases();
        assertThat(svc.blockRecovery().underWay()).isEqualTo(1); // not closed without its last block
        assertThat(svc.blockRecovery().commandsFor(pipeline.get(0))).containsExactly(
                new Command.RecoverReplica(block.id(), first + 1, 0));
    }
}
