package io.jdfs.it;

import io.jdfs.data.store.BlockStoreTestBase;
import io.jdfs.data.store.Replica;
import io.jdfs.data.store.ReplicaWriter;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.Protocol;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static io.jdfs.it.ReplicaStoreChecks.assertReplicaHolds;
import static io.jdfs.it.ReplicaStoreChecks.tmpNames;
import static io.jdfs.it.ReplicaStoreChecks.write;
import static io.jdfs.local.junit.TestData.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store side of a pipeline recovery: a parked replica, still in memory (a small one) or in its tmp
 * files, is cut to the acknowledged offset and goes on under the new generation; its data and checksums
 * stay consistent, and what cannot be resumed is refused with a reason.
 */
class ReplicaResumeTest extends BlockStoreTestBase {
    static final int CHUNK = Protocol.CHUNK_SIZE;

    @Test
    void aSmallReplicaInMemoryResumesAndEndsInAContainer() throws Exception {
        byte[] data = random(3 * CHUNK + 100, 1);
        ReplicaWriter w = store.create(new Block(7, 1, 0));
        write(w, data, 0, 2 * CHUNK);
        write(w, data, 2 * CHUNK, CHUNK); // a packet the writer never saw acknowledged
        w.park();
        assertThat(store.inProgress().parkedReplicas()).isEqualTo(1);
        ReplicaWriter r = store.inProgress().resume(new Block(7, 2, 0), 1, 2 * CHUNK);
        assertThat(r.length()).isEqualTo(2 * CHUNK);
        assertThat(store.used()).isEqualTo(2 * CHUNK);
        write(r, data, 2 * CHUNK, CHUNK + 100);
        Replica done = r.finish();
        assertThat(done.inContainer()).isTrue();
        assertThat(done.block()).isEqualTo(new Block(7, 2, data.length));
        assertReplicaHolds(done, data);
        assertThat(store.inProgress().count()).isZero();
        assertThat(store.used()).isEqualTo(data.length);
    }

    @Test
    void aReplicaInFilesIsCutToTheOffsetAndGoesOn() throws Exception {
        byte[] data = random(9 * CHUNK + 5, 2);
        ReplicaWriter w = store.create(new Block(8, 3, 0));
        write(w, data, 0, 8 * CHUNK); // over the container limit: in tmp files
        w.park();
        // generations from 2 on are this writer's: the replica at 3 resumes as 5
        ReplicaWriter r = store.inProgress().resume(new Block(8, 5, 0), 2, 4 * CHUNK);
        assertThat(tmpNames(dir)).containsExactlyInAnyOrder("blk_8_5", "blk_8_5.meta");
        assertThat(Files.size(dir.resolve("tmp/blk_8_5"))).isEqualTo(4L * CHUNK);
        write(r, data, 4 * CHUNK, 5 * CHUNK + 5);
        Replica done = r.finish();
        assertThat(done.inContainer()).isFalse();
        assertThat(done.block()).isEqualTo(new Block(8, 5, data.length));
        assertReplicaHolds(done, data);
        assertThat(tmpNames(dir)).isEmpty();
        assertThat(store.used()).isEqualTo(data.length);
    }

    @Test
    void aWriterStillOwnedByItsTransferIsTakenOver() throws Exception {
        byte[] data = random(6 * CHUNK, 3);
        ReplicaWriter w = store.create(new Block(9, 1, 0));
        write(w, data, 0, 5 * CHUNK);
        // the recovery arrives before this server saw its upstream go: the old transfer may not write on
        ReplicaWriter r = store.inProgress().resume(new Block(9, 2, 0), 1, 5 * CHUNK);
        assertThatThrownBy(() -> write(w, data, 5 * CHUNK, CHUNK)).isInstanceOf(IOException.class)
                .hasMessageContaining("taken over by a pipeline recovery");
        w.abort(); // the old transfer's failure path leaves the resumed replica alone
        write(r, data, 5 * CHUNK, CHUNK);
        assertReplicaHolds(r.finish(), data);
    }

    @Test
    void whatCannotBeResumedIsRefusedWithTheReason() throws Exception {
        byte[] data = random(4 * CHUNK, 4);
        assertThatThrownBy(() -> store.inProgress().resume(new Block(10, 2, 0), 1, CHUNK)).isInstanceOf(DfsException.class)
                .hasMessageContaining("no replica of block 10 is being written here");
        ReplicaWriter w = store.create(new Block(10, 3, 0));
        write(w, data, 0, 4 * CHUNK);
        w.park();
        assertThatThrownBy(() -> store.inProgress().resume(new Block(10, 4, 0), 3, CHUNK + 1)).isInstanceOf(DfsException.class)
                .hasMessageContaining("not a multiple of the");
        assertThatThrownBy(() -> store.inProgress().resume(new Block(10, 4, 0), 3, 5 * CHUNK)).isInstanceOf(DfsException.class)
                .hasMessageContaining("fewer than the");
        assertThatThrownBy(() -> store.inProgress().resume(new Block(10, 3, 0), 1, CHUNK)).isInstanceOf(DfsException.class)
                .hasMessageContaining("has generation 3");
        assertThatThrownBy(() -> store.inProgress().resume(new Block(10, 6, 0), 4, CHUNK)).isInstanceOf(DfsException.class)
                .hasMessageContaining("has generation 3");
        // the refusals left the parked replica as it was: it still resumes, or expires
        assertThat(store.inProgress().parkedReplicas()).isEqualTo(1);
        assertThat(store.used()).isEqualTo(4L * CHUNK);
        store.inProgress().dropParked(10, 3);
        assertThat(store.inProgress().count()).isZero();
        assertThat(store.used()).isZero();
        assertThat(tmpNames(dir)).isEmpty();
    }

    @Test
    void aNewGenerationFromOffsetZeroReplacesAParkedReplica() throws Exception {
        byte[] data = random(5 * CHUNK, 5);
        ReplicaWriter w = store.create(new Block(11, 1, 0));
        write(w, data, 0, 5 * CHUNK);
        // while its transfer owns it, no other replica of the block at that generation may start
        assertThatThrownBy(() -> store.create(new Block(11, 1, 0))).hasMessageContaining("is being written here");
        w.park();
        ReplicaWriter fresh = store.create(new Block(11, 2, 0));
        assertThat(store.used()).isZero(); // the parked one gave its bytes back
        write(fresh, data, 0, 5 * CHUNK);
        assertReplicaHolds(fresh.finish(), data);
        assertThat(tmpNames(dir)).isEmpty();
    }

    @Test
    void aReplicaFinalizedBeforeItsAckReachedTheWriterIsReopened() throws Exception {
        // in files, then a small one in a container: both are copied up to the offset and replaced
        for (int length : new int[]{9 * CHUNK + 77, 3 * CHUNK + 5}) {
            long id = length > 4 * CHUNK ? 20 : 21;
            byte[] data = random(length, length);
            ReplicaWriter w = store.create(new Block(id, 1, 0));
            write(w, data, 0, length);
            w.finish();
            ReplicaWriter r = store.inProgress().resume(new Block(id, 2, 0), 1, 2 * CHUNK);
            write(r, data, 2 * CHUNK, length - 2 * CHUNK);
            Replica done = r.finish();
            assertThat(done.block()).isEqualTo(new Block(id, 2, length));
            assertThat(store.get(id)).isEqualTo(done);
            assertReplicaHolds(done, data);
        }
        assertThat(store.used()).isEqualTo(9 * CHUNK + 77 + 3 * CHUNK + 5);
        assertThat(store.inProgress().count()).isZero();
        assertThat(tmpNames(dir)).isEmpty();
    }
}
