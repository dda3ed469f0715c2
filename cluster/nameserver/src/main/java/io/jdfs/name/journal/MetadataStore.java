package io.jdfs.name.journal;

import io.jdfs.name.blocks.BlockMap;
import io.jdfs.name.namespace.Namespace;
import io.jdfs.name.namespace.NamespaceImage;
import io.jdfs.name.namespace.NamespaceStateMachine;
import io.jdfs.protocol.DfsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The name server's metadata directory: the newest valid checkpoint plus the journal segments after it.
 * Start-up loads the checkpoint and replays the segments through the same state machine that applied
 * them; checkpoints are written atomically (write, fsync, rename) and old files are then removed.
 */
public final class MetadataStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataStore.class);
    private static final int CHECKPOINTS_KEPT = 2;

    private final Path dir;
    private final Journal journal;
    private long checkpointTxid;

    /** What start-up found: the namespace, its blocks and the last transaction applied. */
    public record Loaded(Namespace namespace, BlockMap blockMap, long lastTxid, long checkpointTxid, int replayed,
                         boolean fresh) {
    }

    private MetadataStore(Path dir, Journal journal, long checkpointTxid) {
        this.dir = dir;
        this.journal = journal;
        this.checkpointTxid = checkpointTxid;
    }

    /** Reads the directory into a namespace; refuses, naming file and offset, when anything is damaged. */
    public static Loaded load(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Segments.Entry> checkpoints = Segments.checkpoints(dir);
        Namespace ns = null;
        BlockMap blockMap = null;
        long ckptTxid = 0;
        IOException firstFailure = null;
        for (int i = checkpoints.size() - 1; i >= 0 && ns == null; i--) {
            Segments.Entry c = checkpoints.get(i);
            Namespace candidate = new Namespace();
            BlockMap candidateBlocks = new BlockMap();
            try (InputStream in = Files.newInputStream(c.path())) {
                long txid = NamespaceImage.load(in, candidate, candidateBlocks);
                if (txid != c.txid()) {
                    throw new IOException("holds txid " + txid + " but is named for " + c.txid());
                }
                ns = candidate;
                blockMap = candidateBlocks;
                ckptTxid = txid;
            } catch (IOException e) {
                LOG.warn("checkpoint {} is unusable: {}", c.path(), e.getMessage());
                if (firstFailure == null) {
                    firstFailure = new CorruptMetadataException("checkpoint " + c.path() + " is damaged ("
                            + e.getMessage() + ") and no older checkpoint could replace it");
                }
            }
        }
        if (ns == null && firstFailure != null) {
            throw firstFailure;
        }
        boolean fresh = ns == null;
        if (ns == null) {
            ns = new Namespace();
            blockMap = new BlockMap();
        }
        NamespaceStateMachine machine = new NamespaceStateMachine(ns, blockMap);
        long[] last = {ckptTxid};
        int[] replayed = {0};
        List<Segments.Entry> segments = Segments.segments(dir);
        for (int i = 0; i < segments.size(); i++) {
            Segments.Entry seg = segments.get(i);
            boolean newest = i == segments.size() - 1;
            long nextStart = newest ? Long.MAX_VALUE : segments.get(i + 1).txid();
            if (nextStart - 1 <= last[0]) {
                continue; // wholly covered by the checkpoint
            }
            if (seg.txid() > last[0] + 1) {
                throw new CorruptMetadataException("journal transactions " + (last[0] + 1) + " to " + (seg.txid() - 1)
                        + " are missing: no segment holds them (a segment file was lost before " + seg.path() + ")");
            }
            fresh = false;
            SegmentReader.Result r = SegmentReader.read(seg.path(), seg.txid(), newest, (txid, record) -> {
                if (txid <= last[0]) {
                    return;
                }
                try {
                    machine.apply(record);
                } catch (DfsException | RuntimeException e) {
                    throw new CorruptMetadataException(seg.path() + ": transaction " + txid + " (" + record
                            + ") does not apply: " + e.getMessage());
                }
                last[0] = txid;
                replayed[0]++;
            });
            if (r.tornTail()) {
                SegmentReader.truncate(seg.path(), r.validBytes());
            }
            if (!newest && r.lastTxid() != nextStart - 1) {
                throw new CorruptMetadataException("journal segment " + seg.path() + " ends at transaction "
                        + r.lastTxid() + " but the next segment starts at " + nextStart + ": transactions "
                        + (r.lastTxid() + 1) + " to " + (nextStart - 1) + " are missing");
            }
        }
        return new Loaded(ns, blockMap, last[0], ckptTxid, replayed[0], fresh && checkpoints.isEmpty());
    }

    /** Opens the journal for appending after what {@link #load} found. */
    public static MetadataStore open(Path dir, Loaded loaded, boolean fsync) throws IOException {
        return new MetadataStore(dir, new Journal(dir, loaded.lastTxid(), fsync), loaded.checkpointTxid());
    }

    public Journal journal() {
        return journal;
    }

    public long checkpointTxid() {
        return checkpointTxid;
    }

    /**
     * Writes a checkpoint of {@code ns}; the caller holds the namespace lock, so the image and the
     * journal position agree.
     */
    public void checkpoint(Namespace ns) throws IOException {
        long txid = journal.lastTxid();
        if (txid == checkpointTxid) {
            return;
        }
        journal.roll();
        Path target = Segments.checkpoint(dir, txid);
        io.jdfs.common.AtomicFiles.write(target, out -> NamespaceImage.save(ns, txid, out));
        checkpointTxid = txid;
        LOG.info("checkpoint at transaction {} written ({} inodes)", txid, ns.files() + ns.directories());
        purge();
    }

    /** Removes checkpoints beyond the newest two and segments that only hold older transactions. */
    private void purge() throws IOException {
        List<Segments.Entry> checkpoints = Segments.checkpoints(dir);
        if (checkpoints.size() < CHECKPOINTS_KEPT) {
            return;
        }
        long oldestKept = checkpoints.get(checkpoints.size() - CHECKPOINTS_KEPT).txid();
        for (int i = 0; i < checkpoints.size() - CHECKPOINTS_KEPT; i++) {
            Files.deleteIfExists(checkpoints.get(i).path());
        }
        List<Segments.Entry> segments = Segments.segments(dir);
        for (int i = 0; i + 1 < segments.size(); i++) {
            if (segments.get(i + 1).txid() - 1 <= oldestKept) {
                Files.deleteIfExists(segments.get(i).path());
            }
        }
    }

    /** Counts transactions for the "every N transactions" checkpoint rule. */
    public long transactionsSinceCheckpoint() {
        return journal.lastTxid() - checkpointTxid;
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }
}
