package io.jdfs.it;

import io.jdfs.data.store.BlockStoreTestBase;
import io.jdfs.data.store.Replica;
import io.jdfs.data.store.ReplicaWriter;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.Protocol;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;

import static io.jdfs.it.ReplicaStoreChecks.assertReplicaHolds;
import static io.jdfs.it.ReplicaStoreChecks.tmpNames;
import static io.jdfs.it.ReplicaStoreChecks.write;
import static io.jdfs.local.junit.TestData.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store side of a block recovery: a replica being written or parked is taken over at the recovery's
 * generation with all its bytes, cut to the common length and finalized; asked twice, each step answers
 * the same; what cannot be recovered is refused.
 */
class ReplicaRecoveryStoreTest extends BlockStoreTestBase {
    static final int CHUNK = Protocol.CHUNK_SIZE;

    @Test
    void aParkedReplicaInFilesIsCutToTheCommonLengthAndFinalizedOnce() throws Exception {
        byte[] data = random(9 * CHUNK, 1);
        ReplicaWriter w = store.create(new Block(11, 1, 0));
        write(w, data, 0, 9 * CHUNK);
        w.park();
        assertThat(store.inProgress().recover(11, 2, 0)).isEqualTo(9L * CHUNK);
        assertThat(store.inProgress().recover(11, 2, 0)).isEqualTo(9L * CHUNK); // asked again: the same answer
        assertThat(store.inProgress().parkedReplicas()).isEqualTo(1);
        assertThat(tmpNames(dir)).containsExactlyInAnyOrder("blk_11_2", "blk_11_2.meta");

        Replica r = store.inProgress().finalizeRecovered(new Block(11, 2, 5L * CHUNK));
        assertThat(r.block()).isEqualTo(new Block(11, 2, 5L * CHUNK));
        assertReplicaHolds(r, Arrays.copyOf(data, 5 * CHUNK));
        assertThat(store.used()).isEqualTo(5L * CHUNK); // the bytes cut off are no longer reserved
        assertThat(store.inProgress().count()).isZero();
        assertThat(tmpNames(dir)).isEmpty();
        // a retried recovery (the name server restarted) finds it done
        assertThat(store.inProgress().finalizeRecovered(new Block(11, 2, 5L * CHUNK)).block()).isEqualTo(r.block());
        assertThat(store.inProgress().recover(11, 2, 0)).isEqualTo(5L * CHUNK);
    }

    @Test
    void aReplicaStillBeingWrittenIsTakenOverWithItsShortLastChunk() throws Exception {
        byte[] data = random(2 * CHUNK + 100, 2);
        ReplicaWriter w = store.create(new Block(12, 4, 0));
        write(w, data, 0, data.length); // in memory; its writer's connection is still open
        assertThat(store.inProgress().recover(12, 5, 0)).isEqualTo(data.length);
        // the old writer is fenced off
        assertThatThrownBy(() -> write(w, data, data.length, 0)).isInstanceOf(IOException.class);
        assertThatThrownBy(w::finish).isInstanceOf(IOException.class);
        Replica r = store.inProgress().finalizeRecovered(new Block(12, 5, data.length));
        assertThat(r.block()).isEqualTo(new Block(12, 5, data.length));
        assertReplicaHolds(r, data);
        assertThat(store.used()).isEqualTo(data.length);
    }

    @Test
    void whatCannotBeRecoveredIsRefused() throws Exception {
        byte[] data = random(3 * CHUNK + 10, 3);
        ReplicaWriter w = store.create(new Block(13, 7, 0));
        write(w, data, 0, data.length);
        assertThat(store.inProgress().recover(13, 6, 0)).isEqualTo(-1); // a newer write owns the block
        assertThat(store.inProgress().recover(14, 2, 0)).isEqualTo(-1); // none here
        assertThat(store.inProgress().recover(13, 8, 0)).isEqualTo(data.length);
        assertThatThrownBy(() -> store.inProgress().finalizeRecovered(new Block(13, 8, CHUNK + 5)))
                .isInstanceOf(DfsException.class).hasMessageContaining("cannot cut");
        assertThatThrownBy(() -> store.inProgress().finalizeRecovered(new Block(13, 8, data.length + 1)))
                .isInstanceOf(DfsException.class);
        assertThatThrownBy(() -> store.inProgress().finalizeRecovered(new Block(13, 9, CHUNK)))
                .isInstanceOf(DfsException.class).hasMessageContaining("no replica of block 13");
        assertThat(store.inProgress().finalizeRecovered(new Block(13, 8, 2L * CHUNK)).length()).isEqualTo(2L * CHUNK);
    }

    @Test
    void aReplicaFinalizedAtAnOlderGenerationIsCopiedAtTheCommonLength() throws Exception {
        byte[] data = random(4 * CHUNK, 4);
        ReplicaWriter w = store.create(new Block(15, 1, 0));
        write(w, data, 0, data.length);
        w.finish();
        assertThat(store.inProgress().recover(15, 2, 0)).isEqualTo(data.length);
        Replica r = store.inProgress().finalizeRecovered(new Block(15, 2, 3L * CHUNK));
        assertThat(r.block()).isEqualTo(new Block(15, 2, 3L * CHUNK));
        assertThat(store.get(15).block()).isEqualTo(r.block());
        assertReplicaHolds(r, Arrays.copyOf(data, 3 * CHUNK));
        assertThat(store.used()).isEqualTo(3L * CHUNK);
    }

    @Test
    void aReplicaOlderThanTheBlocksGenerationBeforeTheRecoveryIsStaleAndAnsweredAsNone() throws Exception {
        // a pipeline recovery left this server behind at generation 1 with fewer bytes; the others went on at 2
        byte[] data = random(4 * CHUNK, 5);
        ReplicaWriter w = store.create(new Block(16, 1, 0));
        write(w, data, 0, 2 * CHUNK);
        w.park();
        assertThat(store.inProgress().recover(16, 3, 2)).isEqualTo(-1); // its shorter length must not count
        assertThat(store.inProgress().parkedReplicas()).isEqualTo(1); // not taken over: left for the stale-delete
        assertThat(store.inProgress().recover(16, 3, 1)).isEqualTo(2L * CHUNK); // the writer's own generation counts

        ReplicaWriter f = store.create(new Block(17, 1, 0));
        write(f, data, 0, CHUNK);
        f.finish();
        assertThat(store.inProgress().recover(17, 4, 2)).isEqualTo(-1); // finalized, but stale as well
        assertThat(store.inProgress().recover(17, 4, 0)).isEqualTo(CHUNK); // 0: no bound (an older name server)
    }
}
