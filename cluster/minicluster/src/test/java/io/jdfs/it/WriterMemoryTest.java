package io.jdfs.it;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.data.DataServer;
import io.jdfs.local.LocalCluster;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.data.store.Replica;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.jdfs.it.SelfHealingTest.indexOf;
import static io.jdfs.local.junit.TestData.random;
import static io.jdfs.it.SelfHealingTest.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A writer holds at most its write buffer in packets: a block writer keeps a packet only until the
 * whole pipeline acknowledged it (a pipeline recovery resumes at the acknowledged length), so the buffer
 * (1 MiB here, two packets) may be smaller than one block (4 MiB), let alone blocks in flight x block
 * size (16 MiB), and a broken pipeline still leaves the file whole.
 */
class WriterMemoryTest {
    static final long BLOCK = 4 << 20; // 8 packets of 512 KiB
    static final long BUFFER = BLOCK / 4;

    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static DfsClient client;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty(DfsOutputStream.BUFFER_PROPERTY, Long.toString(BUFFER));
        cluster = LocalCluster.forTests(dir, 4);
        client = DfsClient.connect(cluster.clientConfig().withBlocksInFlight(4));
    }

    @AfterAll
    static void stop() throws Exception {
        System.clearProperty(DfsOutputStream.BUFFER_PROPERTY);
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void headKilledMidBlockKeepsTheFileWholeAndTheWriterWithinItsBuffer() throws Exception {
        byte[] data = random((int) (5 * BLOCK + 12345), 11);
        int split = (int) (2 * BLOCK + BLOCK / 2);
        DfsOutputStream out = client.create("/mem/killed", CreateOptions.defaults().withBlockSize(BLOCK).withReplication(2));
        assertThat(out.bufferLimit()).isEqualTo(BUFFER);
        String victimId;
        try (out) {
            out.write(data, 0, split);
            List<DataServerRef> pipeline = out.currentPipeline();
            victimId = pipeline.get(0).id();
            int victim = indexOf(cluster, victimId);
            // 4 of the third block's 8 packets were sent: the head dies in the middle of the block
            await().atMost(Duration.ofSeconds(10)).until(() -> tmpBytes(victim) > 0);
            cluster.stopDataServer(victim);
            out.write(data, split, data.length - split);
        }
        assertThat(out.peakBufferedBytes()).isPositive().isLessThanOrEqualTo(BUFFER);
        // the survivor kept what was acknowledged: the writer, which no longer held it, did not send it again
        assertThat(out.pipelineRecoveries()).isPositive();
        assertThat(out.recoveryResumedBytes()).isPositive();
        assertThat(out.recoveryResentBytes()).isLessThanOrEqualTo(BUFFER);
        System.out.printf("head killed: buffer %d, peak %d, resumed at %d, resent %d bytes%n", out.bufferLimit(),
                out.peakBufferedBytes(), out.recoveryResumedBytes(), out.recoveryResentBytes());
        assertThat(out.bufferedBytes()).isZero();
        try (InputStream in = client.open("/mem/killed")) {
            assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(data));
        }
        List<LocatedBlock> blocks = client.allBlocks("/mem/killed");
        assertThat(blocks).extracting(b -> b.block().generation()).anyMatch(g -> g > 1);
        // every block's replicas are its final generation and length, on the servers the name server names
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (LocatedBlock lb : client.allBlocks("/mem/killed")) {
                assertThat(lb.locations()).isNotEmpty().noneMatch(l -> l.id().equals(victimId));
                for (DataServerRef l : lb.locations()) {
                    Replica r = cluster.dataServer(indexOf(cluster, l.id())).store().get(lb.block().id());
                    assertThat(r).isNotNull();
                    assertThat(r.block()).isEqualTo(lb.block());
                }
                for (DataServer ds : cluster.dataServers()) {
                    Replica r = ds == null ? null : ds.store().get(lb.block().id());
                    assertThat(r == null || r.block().equals(lb.block())).isTrue();
                }
            }
        });
    }

    @Test
    void abortedWriteGivesBackEveryPacket() throws Exception {
        DfsOutputStream out = client.create("/mem/aborted", CreateOptions.defaults().withBlockSize(BLOCK));
        out.write(random((int) (2 * BLOCK + BLOCK / 3), 12));
        assertThat(out.peakBufferedBytes()).isPositive().isLessThanOrEqualTo(BUFFER);
        out.abort();
        assertThat(out.bufferedBytes()).isZero();
    }

    @Test
    void manyBlocksInFlightStayWithinTheBuffer() throws Exception {
        byte[] data = random((int) (5 * BLOCK + 777), 13);
        DfsOutputStream out = client.create("/mem/many", CreateOptions.defaults().withBlockSize(BLOCK));
        try (out) {
            out.write(data);
        }
        assertThat(out.peakBufferedBytes()).isPositive().isLessThanOrEqualTo(BUFFER);
        assertThat(out.bufferedBytes()).isZero();
        try (InputStream in = client.open("/mem/many")) {
            assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(data));
        }
    }

    @Test
    void aLongFileKeepsNoWriterPerBlock() throws Exception {
        long small = 64 << 10;
        byte[] data = random((int) (40 * small + 99), 14);
        DfsOutputStream out = client.create("/mem/long", CreateOptions.defaults().withBlockSize(small));
        try (out) {
            out.write(data);
            // finished blocks keep only their final Block: the writers held are those in flight
            assertThat(out.blockWritersHeld()).isLessThanOrEqualTo(4);
        }
        assertThat(out.blockWritersHeld()).isZero();
        try (InputStream in = client.open("/mem/long")) {
            assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(data));
        }
        assertThat(client.allBlocks("/mem/long")).hasSize(41);
    }

    @Test
    void aBlockLargerThanTheBufferIsWrittenWithinIt() throws Exception {
        long big = 24L << 20; // above the 16 MiB a buffer of 4 blocks in flight would once have needed
        byte[] data = random((int) (big + big / 4 + 5), 15);
        DfsOutputStream out = client.create("/mem/big", CreateOptions.defaults().withBlockSize(big).withReplication(1));
        assertThat(out.bufferLimit()).isEqualTo(BUFFER);
        try (out) {
            out.write(data);
        }
        assertThat(out.peakBufferedBytes()).isPositive().isLessThanOrEqualTo(BUFFER);
        try (InputStream in = client.open("/mem/big")) {
            assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(data));
        }
        assertThat(client.allBlocks("/mem/big")).hasSize(2);
        System.out.printf("24 MiB blocks: buffer %d, peak %d bytes%n", out.bufferLimit(), out.peakBufferedBytes());
    }

    private static long tmpBytes(int i) throws Exception {
        try (var files = Files.list(cluster.storageDir(i).resolve("tmp"))) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
