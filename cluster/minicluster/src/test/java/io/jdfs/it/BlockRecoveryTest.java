package io.jdfs.it;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.data.DataServer;
import io.jdfs.data.store.Replica;
import io.jdfs.local.LocalCluster;
import io.jdfs.local.junit.WithLocalCluster;
import io.jdfs.local.junit.TestData;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.ClusterEvent;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.Protocol;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.jdfs.local.junit.TestData.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Block recovery of a vanished writer's last block: the bytes the data servers hold of a block nobody
 * finalized are kept at the length all of them have, finalized at a new generation, and the file is
 * closed with them (HDFS keeps them the same way).
 */
@WithLocalCluster(dataServers = 3, leaseExpiryMillis = 2_000)
class BlockRecoveryTest {
    static final int BLOCK = 4 << 20;
    /** Five whole packets: every byte written leaves the client at once. */
    static final int WRITTEN = 5 * Protocol.PACKET_SIZE;

    static LocalCluster cluster;
    static DfsClient client;

    static CreateOptions twoReplicas() {
        return CreateOptions.overwriting().withBlockSize(BLOCK).withReplication(2);
    }

    /** The data servers holding a replica in progress with {@code length} bytes, by index. */
    static List<Integer> holding(long length) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < cluster.dataServers().size(); i++) {
            DataServer ds = cluster.dataServer(i);
            if (ds != null && ds.store().inProgress().blocks().stream().anyMatch(b -> b.length() == length)) {
                out.add(i);
            }
        }
        return out;
    }

    static Block inProgressOn(int i) {
        return cluster.dataServer(i).store().inProgress().blocks().get(0);
    }

    static long lastEvent() throws IOException {
        List<ClusterEvent> all = client.admin().events(0);
        return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
    }

    static LocatedBlock lastBlock(String path) throws IOException {
        List<LocatedBlock> all = client.allBlocks(path);
        return all.get(all.size() - 1);
    }

    static DataServer byId(DataServerRef ref) {
        return cluster.dataServers().stream().filter(d -> d != null && d.serverId().equals(ref.id())).findFirst()
                .orElseThrow();
    }

    /** Nothing is left reserved: what a store counts as used is what its finalized replicas hold. */
    static void assertNothingReserved() {
        for (DataServer ds : cluster.dataServers()) {
            if (ds != null) {
                assertThat(ds.store().inProgress().count()).isZero();
                assertThat(ds.store().used()).isEqualTo(ds.store().replicas().stream().mapToLong(Replica::length).sum());
            }
        }
    }

    @Test
    void theParkedReplicasOfACrashedWritersLastBlockAreRecoveredAndTheFileClosed() throws Exception {
        long seq = lastEvent();
        byte[] data = random(BLOCK + WRITTEN, 1);
        DfsClient doomed = DfsClient.connect(ClientConfig.of(cluster.nameServerAddress()));
        DfsOutputStream out = doomed.create("/recover/crashed", twoReplicas());
        out.write(data, 0, BLOCK);
        // the first block is finalized on both servers (no other test writes a whole block)...
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.dataServers().stream().filter(d -> d != null
                && d.store().replicas().stream().anyMatch(r -> r.length() == BLOCK)).count() == 2);
        out.write(data, BLOCK, WRITTEN);
        // ...and every packet of the second reached both servers of its pipeline (the writer saw them acknowledged)
        await().atMost(Duration.ofSeconds(30)).until(() -> holding(WRITTEN).size() == 2);
        long before = inProgressOn(holding(WRITTEN).get(0)).generation();
        doomed.crash(); // no close, no abort: the servers park what they received
        await().atMost(Duration.ofSeconds(30)).until(() -> client.stat("/recover/crashed").complete());

        assertThat(client.stat("/recover/crashed").length()).isEqualTo(data.length);
        assertThat(TestData.sha256(TestData.readAll(client, "/recover/crashed"))).isEqualTo(TestData.sha256(data));
        // the file closes with the first finalized replica; the other follows
        await().atMost(Duration.ofSeconds(30)).until(() -> lastBlock("/recover/crashed").locations().size() == 2);
        LocatedBlock last = lastBlock("/recover/crashed");
        assertThat(last.block().generation()).isGreaterThan(before);
        assertThat(last.block().length()).isEqualTo(WRITTEN);
        assertThat(last.locations()).allSatisfy(ref ->
                assertThat(byId(ref).store().get(last.block().id()).block()).isEqualTo(last.block()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(BlockRecoveryTest::assertNothingReserved);
        assertThat(client.admin().events(seq)).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(ClusterEvent.Kind.LEASE_RECOVERED);
            assertThat(e.subject()).isEqualTo("/recover/crashed");
            assertThat(e.message()).contains("vanished: /recover/crashed closed at " + data.length + " bytes")
                    .contains("last block recovered from 2 replicas at " + WRITTEN + " bytes");
        });
    }

    @Test
    void aDeadHolderIsLeftOutAndTheRecoveredBlockIsCopiedBackToTwoServers() throws Exception {
        long seq = lastEvent();
        byte[] data = random(WRITTEN, 2);
        DfsClient doomed = DfsClient.connect(ClientConfig.of(cluster.nameServerAddress()));
        DfsOutputStream out = doomed.create("/recover/one-left", twoReplicas());
        out.write(data);
        await().atMost(Duration.ofSeconds(30)).until(() -> holding(WRITTEN).size() == 2);
        int dead = holding(WRITTEN).get(1);
        doomed.crash();
        cluster.stopDataServer(dead);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> client.stat("/recover/one-left").complete());
            assertThat(client.stat("/recover/one-left").length()).isEqualTo(data.length);
            assertThat(TestData.sha256(TestData.readAll(client, "/recover/one-left"))).isEqualTo(TestData.sha256(data));
            assertThat(client.admin().events(seq)).anySatisfy(e -> assertThat(e.message())
                    .contains("/recover/one-left closed at " + WRITTEN + " bytes")
                    .contains("last block recovered from 1 replica at " + WRITTEN + " bytes"));
            // the survivor's replica is copied to the third server: two again
            await().atMost(Duration.ofSeconds(30)).until(() -> lastBlock("/recover/one-left").locations().size() == 2);
            LocatedBlock last = lastBlock("/recover/one-left");
            assertThat(last.locations()).allSatisfy(ref ->
                    assertThat(byId(ref).store().get(last.block().id()).block()).isEqualTo(last.block()));
        } finally {
            cluster.startDataServer(dead);
        }
    }

    @Test
    void aWriterStillConnectedIsFencedOffByTheRecoveryOfItsBlock() throws Exception {
        byte[] data = random(WRITTEN + 1000, 3);
        // stops renewing its lease but keeps its connections: its pipeline is still open at the recovery
        DfsClient doomed = DfsClient.connect(ClientConfig.of(cluster.nameServerAddress()).withLeaseRenew(3_600_000));
        try {
            DfsOutputStream out = doomed.create("/recover/silent", twoReplicas());
            out.write(data); // the last 1000 bytes wait in the client for a whole packet
            await().atMost(Duration.ofSeconds(30)).until(() -> client.stat("/recover/silent").complete());
            assertThat(client.stat("/recover/silent").length()).isEqualTo(WRITTEN);
            byte[] kept = java.util.Arrays.copyOf(data, WRITTEN);
            assertThat(TestData.sha256(TestData.readAll(client, "/recover/silent"))).isEqualTo(TestData.sha256(kept));
            // the writer comes back too late: its replicas went on without it, its close fails
            assertThatThrownBy(out::close).isInstanceOf(IOException.class);
            assertThat(client.stat("/recover/silent").length()).isEqualTo(WRITTEN);
            assertThat(TestData.sha256(TestData.readAll(client, "/recover/silent"))).isEqualTo(TestData.sha256(kept));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(BlockRecoveryTest::assertNothingReserved);
        } finally {
            doomed.close();
        }
    }

    @Test
    void aWriterThatGoesOnAfterItsLeaseExpiredKeepsItsAcknowledgedBytesAndIsRefused() throws Exception {
        byte[] data = random(2 * WRITTEN, 7);
        DfsClient late = DfsClient.connect(ClientConfig.of(cluster.nameServerAddress()).withLeaseRenew(3_600_000));
        try {
            DfsOutputStream out = late.create("/recover/late", twoReplicas());
            out.write(data, 0, WRITTEN);
            await().atMost(Duration.ofSeconds(30)).until(() -> holding(WRITTEN).size() == 2);
            long inode = client.stat("/recover/late").inodeId();
            // its lease expires (it paused): the name server takes the file over while the writer lives
            await().atMost(Duration.ofSeconds(30)).until(() -> !cluster.nameServer().namespace().writerActive(inode));
            // it wakes up and goes on: its calls are refused rather than racing the recovery
            assertThatThrownBy(() -> {
                out.write(data, WRITTEN, WRITTEN);
                out.close();
            }).isInstanceOf(IOException.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> client.stat("/recover/late").complete());
            long length = client.stat("/recover/late").length();
            assertThat(length).isBetween((long) WRITTEN, (long) data.length); // the acknowledged bytes are kept
            assertThat(TestData.sha256(TestData.readAll(client, "/recover/late")))
                    .isEqualTo(TestData.sha256(java.util.Arrays.copyOf(data, (int) length)));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(BlockRecoveryTest::assertNothingReserved);
        } finally {
            late.close();
        }
    }

    @Test
    void aRecoveryCutShortByANameServerRestartIsDoneAgainAfterIt() throws Exception {
        byte[] data = random(WRITTEN, 4);
        DfsClient doomed = DfsClient.connect(ClientConfig.of(cluster.nameServerAddress()));
        DfsOutputStream out = doomed.create("/recover/restarted", twoReplicas());
        out.write(data);
        await().atMost(Duration.ofSeconds(30)).until(() -> holding(WRITTEN).size() == 2);
        long before = inProgressOn(holding(WRITTEN).get(0)).generation();
        doomed.crash();
        // the holders took their replicas over at the recovery's generation: restart before it ends, if we can
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> cluster.dataServers()
                .stream().anyMatch(d -> d.store().inProgress().blocks().stream().anyMatch(b -> b.generation() > before))
                || client.stat("/recover/restarted").complete());
        cluster.restartNameServer();

        await().atMost(Duration.ofSeconds(60)).until(() -> client.stat("/recover/restarted").complete());
        assertThat(client.stat("/recover/restarted").length()).isEqualTo(data.length);
        assertThat(TestData.sha256(TestData.readAll(client, "/recover/restarted"))).isEqualTo(TestData.sha256(data));
        await().atMost(Duration.ofSeconds(30)).until(() -> lastBlock("/recover/restarted").locations().size() == 2);
        LocatedBlock last = lastBlock("/recover/restarted");
        assertThat(last.block().generation()).isGreaterThan(before);
        assertThat(last.locations()).allSatisfy(ref ->
                assertThat(byId(ref).store().get(last.block().id()).block()).isEqualTo(last.block()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(BlockRecoveryTest::assertNothingReserved);
    }

    @Test
    void holdersOfDifferentLengthsAreCutToTheShortest() throws Exception {
        byte[] data = random(WRITTEN, 5);
        DfsClient doomed = DfsClient.connect(ClientConfig.of(cluster.nameServerAddress()));
        DfsOutputStream out = doomed.create("/recover/uneven", twoReplicas());
        out.write(data);
        await().atMost(Duration.ofSeconds(30)).until(() -> holding(WRITTEN).size() == 2);
        int longer = holding(WRITTEN).get(0);
        Block parked = inProgressOn(longer);
        doomed.crash();
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.dataServer(longer).store().inProgress().parkedReplicas() == 1);
        // as if a packet reached this server and not the other before the writer died: one chunk more,
        // under the generation the recovery is about to give the block (the server then only tells its length)
        var w = cluster.dataServer(longer).store().inProgress().resume(
                new Block(parked.id(), parked.generation() + 1, 0), parked.generation(), WRITTEN);
        byte[] extra = random(Protocol.CHUNK_SIZE, 6);
        io.netty.buffer.ByteBuf b = io.netty.buffer.Unpooled.wrappedBuffer(extra);
        w.write(WRITTEN, b, io.jdfs.rpc.Checksums.compute(b));
        w.park();

        await().atMost(Duration.ofSeconds(30)).until(() -> client.stat("/recover/uneven").complete());
        assertThat(client.stat("/recover/uneven").length()).isEqualTo(WRITTEN);
        assertThat(TestData.sha256(TestData.readAll(client, "/recover/uneven"))).isEqualTo(TestData.sha256(data));
        await().atMost(Duration.ofSeconds(30)).until(() -> lastBlock("/recover/uneven").locations().size() == 2);
        LocatedBlock last = lastBlock("/recover/uneven");
        assertThat(last.locations()).allSatisfy(ref ->
                assertThat(byId(ref).store().get(last.block().id()).block()).isEqualTo(last.block()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(BlockRecoveryTest::assertNothingReserved);
    }
}
