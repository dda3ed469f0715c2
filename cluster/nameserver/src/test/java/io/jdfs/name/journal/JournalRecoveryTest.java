package io.jdfs.name.journal;

import io.jdfs.name.namespace.NamespaceImage;
import io.jdfs.name.namespace.NamespaceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalRecoveryTest {

    static NamespaceRecord mkdir(int i) {
        return new NamespaceRecord.Mkdirs("/d" + i, 0755, i + 2, 1_000L + i, 0, 0);
    }

    /** Writes n records into a fresh directory; returns the segment and each record's end offset. */
    static List<Long> writeRecords(Path dir, int n) throws IOException {
        List<Long> ends = new ArrayList<>();
        try (Journal j = new Journal(dir, 0, true)) {
            long offset = Segments.SEGMENT_HEADER_BYTES;
            for (int i = 0; i < n; i++) {
                NamespaceRecord r = mkdir(i);
                j.appendTx(r);
                offset += RecordCodec.encode(i + 1, r).length;
                ends.add(offset);
            }
            j.syncAll().join();
        }
        return ends;
    }

    @Test
    void replaysEverythingAcknowledged(@TempDir Path dir) throws Exception {
        writeRecords(dir, 50);
        MetadataStore.Loaded l = MetadataStore.load(dir);
        assertThat(l.lastTxid()).isEqualTo(50);
        assertThat(l.namespace().directories()).isEqualTo(51);
    }

    @Test
    void aJournalCutAtAnyOffsetRecoversTheLongestValidPrefix(@TempDir Path base) throws Exception {
        Random r = new Random(3);
        for (int trial = 0; trial < 40; trial++) {
            Path dir = base.resolve("t" + trial);
            Files.createDirectories(dir);
            List<Long> ends = writeRecords(dir, 30);
            Path seg = Segments.segment(dir, 1);
            long size = Files.size(seg);
            long cut = r.nextInt((int) size + 1);
            byte[] all = Files.readAllBytes(seg);
            Files.write(seg, java.util.Arrays.copyOf(all, (int) cut));
            long expected = ends.stream().filter(e -> e <= cut).count();
            MetadataStore.Loaded l = MetadataStore.load(dir);
            assertThat(l.lastTxid()).as("cut at %d of %d", cut, size).isEqualTo(expected);
            assertThat(l.namespace().directories()).isEqualTo(expected + 1);
            // the torn tail was cut off: new records can follow and load again
            try (MetadataStore s = MetadataStore.open(dir, l, true)) {
                s.journal().appendTx(mkdir(1000));
                s.journal().syncAll().join();
            }
            assertThat(MetadataStore.load(dir).lastTxid()).isEqualTo(expected + 1);
        }
    }

    @Test
    void corruptionInTheMiddleRefusesToStartNamingFileAndOffset(@TempDir Path dir) throws Exception {
        List<Long> ends = writeRecords(dir, 20);
        Path seg = Segments.segment(dir, 1);
        byte[] all = Files.readAllBytes(seg);
        int victim = (int) (ends.get(9) + 20); // inside record 11's payload
        all[victim] ^= 0x1;
        Files.write(seg, all);
        assertThatThrownBy(() -> MetadataStore.load(dir)).isInstanceOf(CorruptMetadataException.class)
                .hasMessageContaining(seg.toString()).hasMessageContaining("offset " + ends.get(9))
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void aDamagedOlderSegmentIsNeverTreatedAsATornTail(@TempDir Path dir) throws Exception {
        writeRecords(dir, 10);
        // a second segment follows, so the first one is not the newest
        MetadataStore.Loaded l = MetadataStore.load(dir);
        try (MetadataStore s = MetadataStore.open(dir, l, true)) {
            s.journal().appendTx(mkdir(100));
            s.journal().syncAll().join();
        }
        Path first = Segments.segment(dir, 1);
        byte[] all = Files.readAllBytes(first);
        Files.write(first, java.util.Arrays.copyOf(all, all.length - 3));
        assertThatThrownBy(() -> MetadataStore.load(dir)).isInstanceOf(CorruptMetadataException.class)
                .hasMessageContaining(first.toString()).hasMessageContaining("truncated");
    }

    @Test
    void aMissingSegmentRefusesToStart(@TempDir Path dir) throws Exception {
        writeRecords(dir, 5);
        for (int round = 0; round < 2; round++) {
            MetadataStore.Loaded l = MetadataStore.load(dir);
            try (MetadataStore s = MetadataStore.open(dir, l, true)) {
                s.journal().appendTx(mkdir(200 + round));
                s.journal().syncAll().join();
            }
        }
        List<Segments.Entry> segs = Segments.segments(dir);
        assertThat(segs.size()).isGreaterThanOrEqualTo(3);
        Files.delete(segs.get(1).path());
        assertThatThrownBy(() -> MetadataStore.load(dir)).isInstanceOf(CorruptMetadataException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void checkpointsReplaceOldSegmentsAndADamagedNewestFallsBackToTheOlder(@TempDir Path dir) throws Exception {
        writeRecords(dir, 10);
        for (int round = 0; round < 3; round++) {
            MetadataStore.Loaded l = MetadataStore.load(dir);
            try (MetadataStore s = MetadataStore.open(dir, l, true)) {
                for (int i = 0; i < 5; i++) {
                    s.journal().appendTx(mkdir(100 * (round + 1) + i));
                }
                s.journal().syncAll().join();
                s.checkpoint(l.namespace() == null ? null : reload(dir, s));
            }
        }
        MetadataStore.Loaded all = MetadataStore.load(dir);
        assertThat(all.lastTxid()).isEqualTo(25);
        String expected = NamespaceImage.describe(all.namespace());
        List<Segments.Entry> ckpts = Segments.checkpoints(dir);
        assertThat(ckpts).hasSize(2);
        // damage the newest checkpoint: the older one plus the segments after it give the same namespace
        Path newest = ckpts.get(1).path();
        byte[] b = Files.readAllBytes(newest);
        b[b.length / 2] ^= 0x10;
        Files.write(newest, b);
        MetadataStore.Loaded fallback = MetadataStore.load(dir);
        assertThat(NamespaceImage.describe(fallback.namespace())).isEqualTo(expected);
        // with both damaged there is nothing to fall back to
        Path older = ckpts.get(0).path();
        byte[] o = Files.readAllBytes(older);
        o[o.length - 1] ^= 0x10;
        Files.write(older, o);
        assertThatThrownBy(() -> MetadataStore.load(dir)).isInstanceOf(CorruptMetadataException.class)
                .hasMessageContaining("checkpoint");
    }

    /** The namespace as the store's journal now stands (load it again from disk). */
    private static io.jdfs.name.namespace.Namespace reload(Path dir, MetadataStore s) throws IOException {
        s.journal().syncAll().join();
        return MetadataStore.load(dir).namespace();
    }

    @Test
    void aCrashLeavesThePreallocatedZerosWhichReplayStopsAt(@TempDir Path dir) throws Exception {
        MetadataStore.Loaded l = MetadataStore.load(dir);
        MetadataStore s = MetadataStore.open(dir, l, true);
        for (int i = 0; i < 25; i++) {
            s.journal().appendTx(mkdir(300 + i));
        }
        s.journal().syncAll().join();
        // no close: as after kill -9, the newest segment still ends in zeros
        Path seg = Segments.segments(dir).get(Segments.segments(dir).size() - 1).path();
        assertThat(Files.size(seg)).isGreaterThanOrEqualTo(Journal.PREALLOCATE);
        MetadataStore.Loaded back = MetadataStore.load(dir);
        assertThat(back.namespace().directories()).isEqualTo(26);
        assertThat(back.replayed()).isEqualTo(25);
        s.close();
        assertThat(Files.size(seg)).as("a closed segment ends at its last record").isLessThan(Journal.PREALLOCATE);
        assertThat(MetadataStore.load(dir).namespace().directories()).isEqualTo(26);
    }

    @Test
    void aClosedJournalRefusesAppendsAndNeverLeavesASyncHanging(@TempDir Path dir) throws Exception {
        MetadataStore.Loaded l = MetadataStore.load(dir);
        MetadataStore s = MetadataStore.open(dir, l, true);
        long txid = s.journal().appendTx(mkdir(400));
        s.close();
        assertThat(s.journal().sync(txid)).as("written by the close").isDone().isNotCompletedExceptionally();
        assertThatThrownBy(() -> s.journal().appendTx(mkdir(401))).isInstanceOf(IOException.class)
                .hasMessageContaining("closed");
        assertThat(s.journal().sync(txid + 1)).as("a transaction that never was: failed at once, not waiting")
                .isCompletedExceptionally();
        assertThat(MetadataStore.load(dir).namespace().directories()).isEqualTo(2);
    }
}
