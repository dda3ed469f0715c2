package io.jdfs.it;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.data.DataServer;
import io.jdfs.data.metrics.DataServerMetrics;
import io.jdfs.data.store.BlockStore;
import io.jdfs.data.store.Replica;
import io.jdfs.data.store.ReplicasInProgress;
import io.jdfs.local.LocalCluster;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.DataServerState;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.Protocol;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static io.jdfs.it.SelfHealingTest.fullyReplicated;
import static io.jdfs.it.SelfHealingTest.indexOf;
import static io.jdfs.local.junit.TestData.random;
import static io.jdfs.it.SelfHealingTest.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14: a broken pipeline resumes at the acknowledged length on the servers that did not fail. The
 * head, the middle or the tail of a 3-server pipeline stops in the middle of a block after its first
 * half was acknowledged: the survivors keep that half (under the new generation), the writer sends only
 * the second half, and re-replication brings the block back to 3 replicas. Parked replicas nobody
 * resumes are dropped after their timeout, an aborted write's at once, and a pipeline that loses every
 * server fails the stream.
 * One cluster of 9 data servers for the class (most tests stop one); Netty's leak detector is PARANOID.
 */
class PipelineRecoveryTest {
    static final int BLOCK = 4 << 20; // 8 packets of 512 KiB
    static final int HALF = BLOCK / 2;
    static final long PARKED_MILLIS = 3_000;

    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static DfsClient client;
    static final List<String> leaks = new CopyOnWriteArrayList<>();
    static ResourceLeakDetector.Level level;
    static final List<String> stopped = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ByteBufUtil.setLeakListener((type, records) -> leaks.add(records));
        System.setProperty(ReplicasInProgress.PARKED_TIMEOUT_PROPERTY, Long.toString(PARKED_MILLIS));
        cluster = LocalCluster.forTests(dir, 9);
        cluster.awaitRegistered(Duration.ofSeconds(30));
        client = DfsClient.connect(cluster.clientConfig().withBlocksInFlight(1));
    }

    @AfterAll
    static void stop() throws Exception {
        System.clearProperty(ReplicasInProgress.PARKED_TIMEOUT_PROPERTY);
        try {
            if (client != null) {
                client.close();
            }
            if (cluster != null) {
                cluster.close();
            }
            // a buffer leaked on purpose shows the detector reports; then no JDFS buffer may have leaked
            PooledByteBufAllocator.DEFAULT.directBuffer(64).writeByte(1);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                System.gc();
                for (int i = 0; i < 100; i++) {
                    PooledByteBufAllocator.DEFAULT.directBuffer(64).release();
                }
                return leaks.stream().anyMatch(r -> r.contains("PipelineRecoveryTest.stop"));
            });
            assertThat(leaks).noneMatch(r -> r.contains("io.jdfs.") && !r.contains("PipelineRecoveryTest.stop"));
        } finally {
            ByteBufUtil.setLeakListener(null);
            ResourceLeakDetector.setLevel(level);
        }
    }

    @ParameterizedTest(name = "server {0} of the pipeline stops")
    @ValueSource(ints = {0, 1, 2})
    void survivorsResumeAtTheAcknowledgedLength(int position) throws Exception {
        String path = "/recover/p" + position;
        byte[] data = random(BLOCK - 1000, 100 + position); // its last chunk is short
        DfsOutputStream out = client.create(path, CreateOptions.defaults().withBlockSize(BLOCK).withReplication(3));
        String victimId;
        List<String> survivors = new ArrayList<>();
        List<String> first = new ArrayList<>();
        Map<String, Long> received = new HashMap<>();
        try (out) {
            out.write(data, 0, HALF);
            // the whole pipeline acknowledged the first half: the writer holds none of it
            await().atMost(Duration.ofSeconds(30)).until(() -> out.bufferedBytes() == 0);
            List<DataServerRef> pipeline = out.currentPipeline();
            assertThat(pipeline).hasSize(3);
            victimId = pipeline.get(position).id();
            pipeline.forEach(r -> first.add(r.id()));
            for (DataServer ds : cluster.dataServers()) {
                if (ds != null) {
                    received.put(ds.serverId(), clientBytes(ds.serverId()));
                    if (first.contains(ds.serverId()) && !ds.serverId().equals(victimId)) {
                        survivors.add(ds.serverId());
                    }
                }
            }
            stop(indexOf(cluster, victimId));
            out.write(data, HALF, data.length - HALF);
        }
        assertThat(out.pipelineRecoveries()).isEqualTo(1);
        assertThat(out.recoveryResumedBytes()).isEqualTo(HALF);
        assertThat(out.recoveryResentBytes()).isZero();
        System.out.printf("server %d of 3 stopped: resumed at %d bytes, resent %d bytes; writer peak %d bytes (buffer %d)%n",
                position, out.recoveryResumedBytes(), out.recoveryResentBytes(), out.peakBufferedBytes(), out.bufferLimit());
        assertThat(out.peakBufferedBytes()).isLessThanOrEqualTo(out.bufferLimit());
        assertThat(out.bufferedBytes()).isZero();
        try (InputStream in = client.open(path)) {
            assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(data));
        }
        Block block = client.allBlocks(path).get(0).block();
        assertThat(block.generation()).isEqualTo(2);
        assertThat(block.length()).isEqualTo(data.length);
        for (String s : survivors) {
            DataServer ds = cluster.dataServer(indexOf(cluster, s));
            // the survivor kept the acknowledged half: only the second half reached it after the recovery
            assertThat(clientBytes(s) - received.get(s)).as("bytes received by %s after the first half", s)
                    .isEqualTo(data.length - HALF);
            Replica r = ds.store().get(block.id());
            assertThat(r).isNotNull();
            assertThat(r.block()).isEqualTo(block);
            assertThat(r.checksums()).hasSize((data.length + (64 << 10) - 1) / (64 << 10));
            await().atMost(Duration.ofSeconds(10)).until(() -> ds.store().inProgress().count() == 0);
            assertThat(tmpFiles(ds)).isEmpty();
        }
        // a replacement got the first half from a survivor, then the second half down the recovered
        // pipeline: the block was written with 3 replicas, no re-replication needed
        await().atMost(Duration.ofSeconds(10)).until(() -> client.allBlocks(path).get(0).locations().size() == 3);
        LocatedBlock written = client.allBlocks(path).get(0);
        assertThat(written.locations()).noneMatch(l -> l.id().equals(victimId));
        List<String> replacements = written.locations().stream().map(DataServerRef::id)
                .filter(id -> !first.contains(id)).toList();
        assertThat(replacements).hasSize(1);
        assertThat(clientBytes(replacements.get(0)) - received.get(replacements.get(0))).isEqualTo(data.length);
        for (DataServerRef l : written.locations()) {
            assertThat(cluster.dataServer(indexOf(cluster, l.id())).store().get(block.id()).block()).isEqualTo(block);
        }
        assertThat(fullyReplicated(client, path)).isTrue();
        try (InputStream in = client.open(path)) {
            assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(data));
        }
    }

    @Test
    void packetsInFlightWhenTheTailFailsAreSentAgainFromTheAcknowledgedOffset() throws Exception {
        String path = "/recover/inflight";
        byte[] data = random(BLOCK, 42);
        int more = 2 * Protocol.PACKET_SIZE;
        DfsOutputStream out = client.create(path, CreateOptions.defaults().withBlockSize(BLOCK).withReplication(3));
        List<String> survivors;
        Map<String, Long> received = new HashMap<>();
        try (out) {
            out.write(data, 0, HALF);
            await().atMost(Duration.ofSeconds(30)).until(() -> out.bufferedBytes() == 0);
            List<DataServerRef> pipeline = out.currentPipeline();
            survivors = List.of(pipeline.get(0).id(), pipeline.get(1).id());
            for (String s : survivors) {
                received.put(s, clientBytes(s));
            }
            int tail = indexOf(cluster, pipeline.get(2).id());
            cluster.setDataServerFrozen(tail, true);
            out.write(data, HALF, more);
            // both packets reached the head and the middle, whose acks wait for the frozen tail
            for (String s : survivors) {
                DataServer ds = cluster.dataServer(indexOf(cluster, s));
                await().atMost(Duration.ofSeconds(30)).until(() -> tmpDataBytes(ds) >= HALF + more);
            }
            assertThat(out.bufferedBytes()).isEqualTo(more);
            stop(tail);
            out.write(data, HALF + more, data.length - HALF - more);
        }
        assertThat(out.pipelineRecoveries()).isEqualTo(1);
        assertThat(out.recoveryResumedBytes()).isEqualTo(HALF);
        assertThat(out.recoveryResentBytes()).isEqualTo(more);
        Block block = client.allBlocks(path).get(0).block();
        assertThat(block).isEqualTo(new Block(block.id(), 2, data.length));
        await().atMost(Duration.ofSeconds(10)).until(() -> client.allBlocks(path).get(0).locations().size() == 3);
        for (String s : survivors) {
            // the unacknowledged packets twice, nothing before the acknowledged offset again
            assertThat(clientBytes(s) - received.get(s)).as("bytes received by %s", s)
                    .isEqualTo(data.length - HALF + more);
            assertThat(cluster.dataServer(indexOf(cluster, s)).store().get(block.id()).block()).isEqualTo(block);
        }
        try (InputStream in = client.open(path)) {
            assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(data));
        }
        System.out.printf("in-flight recovery: resumed at %d bytes, resent %d bytes of a %d-byte block%n",
                out.recoveryResumedBytes(), out.recoveryResentBytes(), data.length);
    }

    @Test
    void parkedReplicasNobodyResumesAreDropped() throws Exception {
        Map<Integer, Long> usedBefore = usedBytes();
        DfsOutputStream out = client.create("/recover/deleted", CreateOptions.defaults().withBlockSize(BLOCK)
                .withReplication(3));
        out.write(random(HALF, 7));
        await().atMost(Duration.ofSeconds(30)).until(() -> out.bufferedBytes() == 0);
        List<Integer> pipeline = out.currentPipeline().stream().map(r -> indexOf(cluster, r.id())).toList();
        // the file is deleted while being written, then the tail stops: the head and the middle park
        // their replicas, and the writer's recovery is refused (no file), so nobody resumes them
        assertThat(client.delete("/recover/deleted", false)).isTrue();
        stop(pipeline.get(2));
        List<Integer> parked = pipeline.subList(0, 2);
        for (int i : parked) {
            BlockStore store = cluster.dataServer(i).store();
            await().atMost(Duration.ofSeconds(10)).until(() -> store.inProgress().parkedReplicas() == 1);
            assertThat(store.used()).isEqualTo(usedBefore.get(i) + HALF);
        }
        assertThatThrownBy(out::close).isInstanceOf(IOException.class).hasMessageContaining("deleted");
        // no recovery comes: after the timeout the replicas, their files and their reserved bytes are gone
        for (int i : parked) {
            DataServer ds = cluster.dataServer(i);
            await().atMost(Duration.ofSeconds(30)).until(() -> ds.store().inProgress().count() == 0);
            assertThat(ds.store().inProgress().expiredCount()).isPositive();
            assertThat(tmpFiles(ds)).isEmpty();
            assertThat(ds.store().used()).isEqualTo(usedBefore.get(i));
        }
    }

    @Test
    void anAbortedWriteDropsItsReplicasAtOnce() throws Exception {
        Map<Integer, Long> usedBefore = usedBytes();
        DfsOutputStream out = client.create("/recover/aborted", CreateOptions.defaults().withBlockSize(BLOCK)
                .withReplication(3));
        out.write(random(HALF, 8));
        await().atMost(Duration.ofSeconds(30)).until(() -> out.bufferedBytes() == 0);
        List<Integer> pipeline = out.currentPipeline().stream().map(r -> indexOf(cluster, r.id())).toList();
        Map<Integer, Long> expiredBefore = new HashMap<>();
        for (int i : pipeline) {
            expiredBefore.put(i, cluster.dataServer(i).store().inProgress().expiredCount());
        }
        out.abort(); // AbortWrite down the pipeline: no server keeps its replica for a recovery
        assertThat(out.bufferedBytes()).isZero();
        for (int i : pipeline) {
            DataServer ds = cluster.dataServer(i);
            await().atMost(Duration.ofSeconds(10)).until(() -> ds.store().inProgress().count() == 0);
            assertThat(ds.store().inProgress().expiredCount()).as("dropped by the abort, not by the timeout")
                    .isEqualTo(expiredBefore.get(i));
            assertThat(tmpFiles(ds)).isEmpty();
            assertThat(ds.store().used()).isEqualTo(usedBefore.get(i));
        }
    }

    private static Map<Integer, Long> usedBytes() {
        Map<Integer, Long> used = new HashMap<>();
        for (int i = 0; i < cluster.dataServers().size(); i++) {
            if (cluster.dataServer(i) != null) {
                used.put(i, cluster.dataServer(i).store().used());
            }
        }
        return used;
    }

    @Test
    void aPipelineWithNoServerLeftFailsTheStream() throws Exception {
        DfsOutputStream out = client.create("/recover/alone", CreateOptions.defaults().withBlockSize(BLOCK)
                .withReplication(1));
        out.write(random(HALF, 9));
        await().atMost(Duration.ofSeconds(30)).until(() -> out.bufferedBytes() == 0);
        List<DataServerRef> pipeline = out.currentPipeline();
        assertThat(pipeline).hasSize(1);
        stop(indexOf(cluster, pipeline.get(0).id()));
        // the acknowledged half is on no server and no longer in the writer: the stream cannot go on
        assertThatThrownBy(() -> {
            out.write(random(HALF, 10));
            out.close();
        }).isInstanceOf(IOException.class).hasMessageContaining("lost every server of its pipeline")
                .hasMessageContaining(HALF + " acknowledged bytes");
        assertThat(out.bufferedBytes()).isZero();
    }

    /** Stops a data server; the next test starts once the name server no longer places blocks on it. */
    private static void stop(int i) {
        stopped.add(cluster.dataServer(i).serverId());
        cluster.stopDataServer(i);
    }

    @BeforeEach
    void stoppedServersAreNoLongerChosen() {
        await().atMost(Duration.ofSeconds(30)).until(() -> client.clusterStatus().servers().stream()
                .filter(s -> stopped.contains(s.id())).allMatch(s -> s.state() != DataServerState.LIVE));
    }

    private static long clientBytes(String serverId) {
        return cluster.dataServer(indexOf(cluster, serverId)).metrics().bytesWritten(DataServerMetrics.Source.CLIENT);
    }

    private static long tmpDataBytes(DataServer ds) throws IOException {
        try (Stream<Path> s = Files.list(ds.store().root().resolve("tmp"))) {
            return s.filter(p -> !p.getFileName().toString().endsWith(".meta")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static List<Path> tmpFiles(DataServer ds) throws IOException {
        try (Stream<Path> s = Files.list(ds.store().root().resolve("tmp"))) {
            return s.toList();
        }
    }
}
