package io.jdfs.it;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsFile;
import io.jdfs.client.DfsInputStream;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.client.OpenFlag;
import io.jdfs.local.LocalCluster;
import io.jdfs.local.junit.WithLocalCluster;
import io.jdfs.protocol.FsckReport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Writes in place while a data server dies in the middle of the swap: concurrent readers see every
 * block either old or new, never a block that is half of each; the file ends whole (the old or the
 * new version of each block) and fsck is clean once the cluster has healed.
 */
@WithLocalCluster(dataServers = 3)
class InPlaceFailureTest {
    static final int BS = 64 * 1024;
    static final int BLOCKS = 8;
    static LocalCluster cluster;
    static DfsClient client;

    @Test
    void aDataServerDyingMidSwapLeavesEveryBlockOldOrNew() throws Exception {
        byte[] old = new byte[BLOCKS * BS];
        new Random(1).nextBytes(old);
        byte[] fresh = new byte[BLOCKS * BS];
        new Random(2).nextBytes(fresh);
        try (DfsOutputStream out = client.create("/swap/f", CreateOptions.defaults().withBlockSize(BS))) {
            out.write(old);
        }
        // the new version: blocks 2 to 5 whole, and the first half of block 6
        byte[] neu = old.clone();
        System.arraycopy(fresh, 2 * BS, neu, 2 * BS, 4 * BS);
        System.arraycopy(fresh, 6 * BS, neu, 6 * BS, BS / 2);
        List<String> mixed = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try (DfsClient r = cluster.newClient()) {
                while (!stop.get()) {
                    byte[] seen;
                    try (DfsInputStream in = r.open("/swap/f")) {
                        seen = in.readAllBytes();
                    } catch (Exception e) {
                        continue; // a replica on the dying server: the next read goes elsewhere
                    }
                    reads.incrementAndGet();
                    for (int b = 0; b < BLOCKS; b++) {
                        byte[] block = Arrays.copyOfRange(seen, b * BS, (b + 1) * BS);
                        if (!Arrays.equals(block, Arrays.copyOfRange(old, b * BS, (b + 1) * BS))
                                && !Arrays.equals(block, Arrays.copyOfRange(neu, b * BS, (b + 1) * BS))) {
                            mixed.add("read " + reads.get() + ", block " + b);
                        }
                    }
                }
            } catch (Exception e) {
                mixed.add("reader failed: " + e);
            }
        });
        reader.start();
        boolean committed;
        try (DfsFile f = client.openFile("/swap/f", EnumSet.of(OpenFlag.WRITE), 0)) {
            // whole blocks 2 to 5: each starts down its pipeline as soon as it is written
            f.pwrite(2L * BS, fresh, 2 * BS, 4 * BS);
            cluster.stopDataServer(1); // dies while those pipelines run, before the swap
            f.pwrite(6L * BS, fresh, 6 * BS, BS / 2); // and a partial block, written after
            f.close();
            committed = true;
        } catch (java.io.IOException e) {
            committed = false; // the swap is all or nothing: the old version stays
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> reads.get() >= 5);
        stop.set(true);
        reader.join();
        assertThat(mixed).as("no read ever saw a block half old, half new").isEmpty();

        byte[] expected = committed ? neu : old;
        try (DfsInputStream in = client.open("/swap/f")) {
            assertThat(in.readAllBytes()).as(committed ? "the new version" : "the old version").isEqualTo(expected);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            FsckReport r = client.admin().fsck("/swap");
            assertThat(r.missing()).isZero();
            assertThat(r.corrupt()).isZero();
            assertThat(r.underReplicated()).isZero();
        });
    }
}
