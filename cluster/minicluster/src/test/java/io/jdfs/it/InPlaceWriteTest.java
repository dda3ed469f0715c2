package io.jdfs.it;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsFile;
import io.jdfs.client.DfsInputStream;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import io.jdfs.local.junit.WithLocalCluster;
import io.jdfs.protocol.FsckReport;
import io.jdfs.protocol.LeaseConflictException;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.PathExistsException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import static io.jdfs.local.junit.TestData.random;
import static io.jdfs.client.OpenFlag.APPEND;
import static io.jdfs.client.OpenFlag.CREATE;
import static io.jdfs.client.OpenFlag.EXCLUSIVE;
import static io.jdfs.client.OpenFlag.READ;
import static io.jdfs.client.OpenFlag.TRUNCATE;
import static io.jdfs.client.OpenFlag.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Writes into existing files through {@link DfsFile}: at any offset, append, truncate both ways,
 * sparse files, flush visibility, one writer at a time. Each is checked byte for byte against the
 * same change made to an array, and by which blocks changed (copy-on-write touches only those).
 */
@WithLocalCluster(dataServers = 2)
class InPlaceWriteTest {
    static final int BS = 64 * 1024;
    static LocalCluster cluster;
    static DfsClient client;
    static DfsClient other;

    @BeforeAll
    static void secondClient() throws Exception {
        other = cluster.newClient();
    }

    @AfterAll
    static void closeSecondClient() {
        other.close();
    }

    static void put(String path, byte[] data) throws Exception {
        try (DfsOutputStream out = client.create(path, CreateOptions.overwriting().withBlockSize(BS))) {
            out.write(data);
        }
    }

    static byte[] get(DfsClient c, String path) throws Exception {
        try (DfsInputStream in = c.open(path)) {
            return in.readAllBytes();
        }
    }

    static List<Long> blockIds(String path) throws Exception {
        return client.allBlocks(path).stream().map(b -> b.block().id()).toList();
    }

    @Test
    void aWriteInTheMiddleRewritesOnlyTheBlockItTouches() throws Exception {
        byte[] model = random(10 * BS, 1);
        put("/inplace/mid", model);
        List<Long> before = blockIds("/inplace/mid");
        byte[] patch = random(4096, 2);
        try (DfsInputStream oldReader = other.open("/inplace/mid");
             DfsFile f = client.openFile("/inplace/mid", EnumSet.of(READ, WRITE), 0)) {
            f.pwrite(3 * BS + 100, patch, 0, patch.length);
            byte[] back = new byte[patch.length];
            assertThat(f.pread(3 * BS + 100, back, 0, back.length)).isEqualTo(patch.length);
            assertThat(back).as("a handle reads back what it wrote before committing").isEqualTo(patch);
            assertThat(get(other, "/inplace/mid")).as("others see the committed version until then").isEqualTo(model);
            f.close();
            assertThat(oldReader.readAllBytes()).as("a reader opened before keeps reading whole old blocks")
                    .isEqualTo(model);
        }
        System.arraycopy(patch, 0, model, 3 * BS + 100, patch.length);
        assertThat(get(other, "/inplace/mid")).isEqualTo(model);
        List<Long> after = blockIds("/inplace/mid");
        for (int i = 0; i < before.size(); i++) {
            if (i == 3) {
                assertThat(after.get(i)).as("the touched block is a new one").isNotEqualTo(before.get(i));
            } else {
                assertThat(after.get(i)).as("block %d untouched", i).isEqualTo(before.get(i));
            }
        }
    }

    @Test
    void appendContinuesAPartialLastBlockAndIgnoresThePosition() throws Exception {
        byte[] first = random(BS + 1000, 3);
        put("/inplace/log", first);
        byte[] more = random(2 * BS, 4);
        try (DfsFile f = client.openFile("/inplace/log", EnumSet.of(APPEND), 0)) {
            f.pwrite(0, more, 0, 5000); // O_APPEND: at the end whatever the offset
            f.write(more, 5000, more.length - 5000);
            assertThat(f.length()).isEqualTo(first.length + more.length);
        }
        ByteArrayOutputStream expect = new ByteArrayOutputStream();
        expect.write(first);
        expect.write(more);
        assertThat(get(client, "/inplace/log")).isEqualTo(expect.toByteArray());
        assertThat(client.stat("/inplace/log").length()).isEqualTo(first.length + more.length);
    }

    @Test
    void truncateShrinksAndGrowsWithZerosAndHolesTakeNoSpace() throws Exception {
        byte[] data = random(5 * BS, 5);
        put("/inplace/t", data);
        try (DfsFile f = client.openFile("/inplace/t", EnumSet.of(WRITE), 0)) {
            f.truncate(BS + 10);
            f.truncate(8 * BS + 7); // grows again: the cut bytes must not come back
        }
        byte[] model = Arrays.copyOf(Arrays.copyOf(data, BS + 10), 8 * BS + 7);
        assertThat(get(client, "/inplace/t")).isEqualTo(model);
        List<LocatedBlock> blocks = client.allBlocks("/inplace/t");
        assertThat(blocks).hasSize(9);
        assertThat(blocks.subList(2, 9)).as("the grown range is holes").allMatch(b -> b.block().isHole());
        assertThat(blocks.get(8).block().length()).isEqualTo(7);
        FsckReport report = client.admin().fsck("/inplace/t");
        assertThat(report.missing()).as("holes are not missing blocks").isZero();
    }

    @Test
    void aWriteFarPastTheEndLeavesAHole() throws Exception {
        byte[] tail = random(3000, 6);
        try (DfsFile f = client.openFile("/inplace/sparse", EnumSet.of(CREATE, WRITE), 0640)) {
            f.pwrite(20L * BS + 5, tail, 0, tail.length);
        }
        byte[] model = new byte[20 * BS + 5 + tail.length];
        System.arraycopy(tail, 0, model, 20 * BS + 5, tail.length);
        assertThat(get(other, "/inplace/sparse")).isEqualTo(model);
        assertThat(client.stat("/inplace/sparse").mode() & 0777).isEqualTo(0640 & ~022);
    }

    @Test
    void flushMakesWritesVisibleWithoutClosing() throws Exception {
        put("/inplace/flush", random(BS, 7));
        byte[] add = random(1000, 8);
        try (DfsFile f = client.openFile("/inplace/flush", EnumSet.of(APPEND), 0)) {
            f.write(add, 0, add.length);
            assertThat(other.stat("/inplace/flush").length()).isEqualTo(BS);
            f.flush();
            assertThat(other.stat("/inplace/flush").length()).as("new readers see a flushed length").isEqualTo(BS + 1000);
            byte[] seen = get(other, "/inplace/flush");
            assertThat(Arrays.copyOfRange(seen, BS, BS + 1000)).isEqualTo(add);
            f.write(add, 0, 10);
        }
        assertThat(client.stat("/inplace/flush").length()).isEqualTo(BS + 1010);
    }

    @Test
    void oneWriterAtATimeAndTheErrorNamesIt() throws Exception {
        put("/inplace/lease", random(100, 9));
        try (DfsFile f = client.openFile("/inplace/lease", EnumSet.of(WRITE), 0)) {
            assertThatThrownBy(() -> other.openFile("/inplace/lease", EnumSet.of(WRITE), 0))
                    .isInstanceOf(LeaseConflictException.class)
                    .hasMessageContaining("open for writing by");
            try (DfsFile reader = other.openFile("/inplace/lease", EnumSet.of(READ), 0)) {
                assertThat(reader.length()).as("readers are never refused").isEqualTo(100);
            }
        }
        other.openFile("/inplace/lease", EnumSet.of(WRITE), 0).close();
    }

    @Test
    void createExclusiveAndTruncateOnOpen() throws Exception {
        put("/inplace/ex", random(3 * BS, 10));
        assertThatThrownBy(() -> client.openFile("/inplace/ex", EnumSet.of(CREATE, EXCLUSIVE, WRITE), 0644))
                .isInstanceOf(PathExistsException.class);
        try (DfsFile f = client.openFile("/inplace/ex", EnumSet.of(WRITE, TRUNCATE), 0)) {
            assertThat(f.length()).isZero();
            assertThat(other.stat("/inplace/ex").length()).as("O_TRUNC is visible at once").isZero();
            f.write(new byte[]{1, 2, 3}, 0, 3);
        }
        assertThat(get(other, "/inplace/ex")).containsExactly(1, 2, 3);
    }

    @Test
    void randomWritesTruncatesAndAppendsMatchAnArray() throws Exception {
        Random rnd = new Random(42);
        byte[] model = random(3 * BS + 123, 11);
        put("/inplace/random", model);
        try (DfsFile f = client.openFile("/inplace/random", EnumSet.of(READ, WRITE), 0, 4L * BS)) {
            for (int step = 0; step < 60; step++) {
                int op = rnd.nextInt(10);
                if (op < 6) {
                    int at = rnd.nextInt(model.length + BS);
                    byte[] b = random(1 + rnd.nextInt(BS + BS / 2), rnd.nextLong());
                    f.pwrite(at, b, 0, b.length);
                    model = Arrays.copyOf(model, Math.max(model.length, at + b.length));
                    System.arraycopy(b, 0, model, at, b.length);
                } else if (op < 8) {
                    int len = rnd.nextInt(model.length + 2 * BS);
                    f.truncate(len);
                    model = Arrays.copyOf(model, len);
                } else if (op < 9) {
                    f.flush();
                } else {
                    int at = rnd.nextInt(model.length + 1);
                    int len = rnd.nextInt(2 * BS);
                    byte[] got = new byte[len];
                    int n = f.pread(at, got, 0, len);
                    int expect = Math.min(len, model.length - at);
                    assertThat(n).isEqualTo(expect == 0 && len > 0 ? -1 : expect);
                    if (n > 0) {
                        assertThat(Arrays.copyOf(got, n)).isEqualTo(Arrays.copyOfRange(model, at, at + n));
                    }
                }
                assertThat(f.length()).isEqualTo(model.length);
            }
        }
        assertThat(get(other, "/inplace/random")).isEqualTo(model);
    }
}
