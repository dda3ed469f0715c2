package io.jdfs.data.store;

import io.jdfs.protocol.Block;
import io.jdfs.protocol.ChecksumException;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.PathExistsException;
import io.jdfs.protocol.Protocol;
import io.jdfs.rpc.Checksums;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The replicas of a {@link BlockStore} being written: one {@link ReplicaWriter} per block, owned by a
 * transfer or <em>parked</em> after its pipeline broke. A pipeline recovery {@linkplain #resume resumes}
 * a parked replica at the acknowledged length under the block's new generation; parked replicas nobody
 * resumes {@linkplain #expireParked expire}, or go when the name server calls their generation stale.
 */
public final class ReplicasInProgress {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicasInProgress.class);
    /**
     * System property: how long a replica parked after a broken pipeline waits for a recovery, in ms: the
     * default of {@code HealingSettings} (the data server's {@code --parked-replica-timeout} sets it).
     */
    public static final String PARKED_TIMEOUT_PROPERTY = "jdfs.dataserver.parkedReplicaMillis";
    /**
     * Two minutes: a writer recovers its pipeline within seconds of the break; a parked replica holds its
     * bytes reserved, and a writer that went away for good (or aborted) never comes back for it.
     */
    public static final long DEFAULT_PARKED_TIMEOUT_MILLIS = 2 * 60_000L;

    private final BlockStore store;
    private final Map<Long, ReplicaWriter> inProgress = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong expired = new java.util.concurrent.atomic.AtomicLong();
    private volatile long parkedTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(defaultParkedTimeoutMillis());

    ReplicasInProgress(BlockStore store) {
        this.store = store;
    }

    /** {@value #PARKED_TIMEOUT_PROPERTY} if set, else {@link #DEFAULT_PARKED_TIMEOUT_MILLIS}. */
    public static long defaultParkedTimeoutMillis() {
        return Long.getLong(PARKED_TIMEOUT_PROPERTY, DEFAULT_PARKED_TIMEOUT_MILLIS);
    }

    /** How long a parked replica waits for its recovery from now on (set by the data server from its settings). */
    public void parkedTimeoutMillis(long millis) {
        parkedTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /**
     * Takes the place of a new writer's block. A writer of an older generation, or a parked one of the
     * same generation, is aborted; one of a newer generation, or owned by a transfer at the same one, refuses.
     */
    void register(ReplicaWriter w) throws PathExistsException {
        Block block = w.block();
        ReplicaWriter older = inProgress.putIfAbsent(block.id(), w);
        while (older != null) {
            long g = older.block().generation();
            if (g > block.generation() || g == block.generation() && !older.parked()) {
                throw new PathExistsException("a replica of block " + block.id() + " at generation " + g
                        + " is being written here");
            }
            older.abort(); // removes it from the map
            inProgress.remove(block.id(), older);
            older = inProgress.putIfAbsent(block.id(), w);
        }
    }

    void abortAll() {
        for (ReplicaWriter w : inProgress.values().toArray(new ReplicaWriter[0])) {
            w.abort();
        }
    }

    /**
     * Resumes the replica of {@code block}'s id being written (or parked) here for a pipeline recovery:
     * cut to {@code offset} bytes (a whole number of chunks) and going on as {@code block}'s generation.
     * Refuses with an error saying why when there is no such replica or it cannot be resumed.
     */
    public ReplicaWriter resume(Block block, long fromGeneration, long offset) throws IOException {
        if (block.id() <= 0 || block.generation() <= 0 || offset <= 0) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "invalid resume of block " + block + " at " + offset);
        }
        if (offset % Protocol.CHUNK_SIZE != 0) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "cannot resume block " + block.id() + " at offset "
                    + offset + ": not a multiple of the " + Protocol.CHUNK_SIZE + "-byte chunk");
        }
        Replica existing = store.get(block.id());
        if (existing != null && existing.block().generation() >= block.generation()) {
            throw new PathExistsException("replica of block " + block.id() + " already exists");
        }
        ReplicaWriter old = inProgress.get(block.id());
        if (old == null && existing != null && existing.block().generation() >= fromGeneration
                && existing.length() >= offset) {
            // finalized here while the ack of its last packet was lost upstream: reopen it
            return reopen(existing, block, offset);
        }
        if (old == null) {
            throw new DfsException(ErrorCode.NOT_FOUND, "no replica of block " + block.id()
                    + " is being written here: cannot resume it at offset " + offset);
        }
        String tmpName = "blk_" + block.id() + "_" + block.generation();
        ReplicaWriter w = old.resumeAs(block, fromGeneration, offset, store.tmp().resolve(tmpName), store.tmp().resolve(tmpName + ".meta"));
        if (!inProgress.replace(block.id(), old, w)) {
            w.abort();
            throw new DfsException(ErrorCode.INTERNAL, "the replica of block " + block.id() + " changed while resuming it");
        }
        LOG.info("resumed replica of block {} generation {} as generation {} at {} bytes", block.id(),
                old.block().generation(), block.generation(), offset);
        return w;
    }

    /**
     * A new writer of {@code block} holding the first {@code offset} bytes of a finalized replica of an
     * older generation, copied and checked against their checksums; the finalized one stays until the
     * new generation replaces it.
     */
    private ReplicaWriter reopen(Replica finalized, Block block, long offset) throws IOException {
        ReplicaWriter w = store.create(block);
        try {
            int[] crcs = finalized.checksums();
            byte[] buf = new byte[Protocol.PACKET_SIZE];
            try (FileChannel ch = FileChannel.open(finalized.dataFile(),
                    StandardOpenOption.READ)) {
                for (long pos = 0; pos < offset; ) {
                    int n = (int) Math.min(buf.length, offset - pos);
                    ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                    for (long at = finalized.dataOffset() + pos; b.hasRemaining(); ) {
                        int k = ch.read(b, at);
                        if (k < 0) {
                            throw new IOException(finalized.dataFile() + " ends before " + offset + " bytes of " + finalized.block());
                        }
                        at += k;
                    }
                    int first = (int) (pos / Protocol.CHUNK_SIZE);
                    int[] part = Arrays.copyOfRange(crcs, first,
                            first + (n + Protocol.CHUNK_SIZE - 1) / Protocol.CHUNK_SIZE);
                    ByteBuf data = Unpooled.wrappedBuffer(buf, 0, n);
                    if (Checksums.firstMismatch(data, part) >= 0) {
                        throw new ChecksumException("the replica of " + finalized.block()
                                + " here is corrupt before offset " + offset + ": cannot resume it");
                    }
                    w.write(pos, data, part);
                    pos += n;
                }
            }
        } catch (IOException | RuntimeException e) {
            w.abort();
            throw e;
        }
        LOG.info("reopened finalized replica {} as generation {} at {} bytes", finalized.block(), block.generation(), offset);
        return w;
    }

    /**
     * Block recovery of a vanished writer's block, step one: the replica of {@code blockId} being written
     * or parked here is taken over at {@code newGeneration} with every byte it holds (a transfer still
     * writing to it fails) and parked for step two. Returns its length: of one taken over now or by an
     * earlier request, or of a replica finalized here; -1 when there is none below {@code newGeneration}
     * (a newer recovery or write owns the block) and from {@code fromGeneration} on (an older one is stale:
     * a pipeline recovery left it behind, shorter than what the writer saw acknowledged; 0: no bound).
     * Asked again, it answers the same.
     */
    public long recover(long blockId, long newGeneration, long fromGeneration) throws IOException {
        ReplicaWriter old = inProgress.get(blockId);
        if (old != null) {
            long g = old.block().generation();
            if (g == newGeneration) {
                return old.length();
            }
            if (g > newGeneration || g < fromGeneration) {
                return -1;
            }
            String tmpName = "blk_" + blockId + "_" + newGeneration;
            ReplicaWriter w = old.resumeAs(new Block(blockId, newGeneration, 0), g, old.length(),
                    store.tmp().resolve(tmpName), store.tmp().resolve(tmpName + ".meta"));
            w.park(); // waits for step two; expires like any parked replica if it never comes
            if (!inProgress.replace(blockId, old, w)) {
                w.abort();
                throw new DfsException(ErrorCode.INTERNAL, "the replica of block " + blockId + " changed while recovering it");
            }
            LOG.info("block recovery: took the replica of block {} generation {} over as generation {} ({} bytes)", blockId, g,
                    newGeneration, w.length());
            return w.length();
        }
        Replica r = store.get(blockId);
        return r != null && r.block().generation() <= newGeneration && r.block().generation() >= fromGeneration
                ? r.length() : -1;
    }

    /**
     * Block recovery, step two: the replica of {@code block}'s id held for the recovery is cut to
     * {@code block.length()} bytes and finalized at {@code block.generation()}. A replica finalized so
     * already is returned as it is; one finalized at an older generation with enough bytes is copied to
     * the new one. Refused with a message saying why otherwise.
     */
    public Replica finalizeRecovered(Block block) throws IOException {
        ReplicaWriter w = inProgress.get(block.id());
        if (w != null && w.block().generation() == block.generation()) {
            w.cutForRecovery(block.length());
            Replica r = w.finish();
            LOG.info("block recovery: finalized {}", r.block());
            return r;
        }
        Replica r = store.get(block.id());
        if (r != null && r.block().generation() == block.generation() && r.length() == block.length()) {
            return r;
        }
        if (w == null && r != null && r.block().generation() < block.generation() && r.length() >= block.length()
                && block.length() > 0) {
            Replica copied = reopen(r, new Block(block.id(), block.generation(), 0), block.length()).finish();
            LOG.info("block recovery: finalized {} from the replica of generation {}", copied.block(), r.block().generation());
            return copied;
        }
        throw new DfsException(ErrorCode.NOT_FOUND, "no replica of block " + block.id() + " held for its recovery"
                + " at generation " + block.generation() + " with " + block.length() + " bytes here (have "
                + (w != null ? w.block() + " being written" : r != null ? r.block() : "none") + ")");
    }

    /** How long a parked replica waits for a recovery before {@link #expireParked()} drops it. */
    public long parkedTimeoutMillis() {
        return TimeUnit.NANOSECONDS.toMillis(parkedTimeoutNanos);
    }

    /** The first {@code offset} bytes of the replica of a block being written here, to copy them elsewhere. */
    public Replica prefix(long blockId, long fromGeneration, long offset) throws IOException {
        ReplicaWriter w = inProgress.get(blockId);
        if (w == null) {
            throw new DfsException(ErrorCode.NOT_FOUND, "no replica of block " + blockId
                    + " is being written here: cannot copy its first " + offset + " bytes");
        }
        return w.prefix(fromGeneration, offset);
    }

    /** Parked replicas dropped so far because no recovery came within the timeout. */
    public long expiredCount() {
        return expired.get();
    }

    /** A writer finished or was aborted: it no longer holds its block's place. */
    void ended(ReplicaWriter w) {
        inProgress.remove(w.block().id(), w);
    }

    /** The replicas being written or parked here, each with the bytes it holds (diagnostics, tests). */
    public java.util.List<Block> blocks() {
        java.util.List<Block> out = new java.util.ArrayList<>();
        for (ReplicaWriter w : inProgress.values()) {
            Block b = w.block();
            out.add(new Block(b.id(), b.generation(), w.length()));
        }
        return out;
    }

    /** Replicas being written or parked here (diagnostics, tests). */
    public int count() {
        return inProgress.size();
    }

    /** Replicas parked after a broken pipeline, waiting for a recovery to resume them. */
    public int parkedReplicas() {
        int n = 0;
        for (ReplicaWriter w : inProgress.values()) {
            if (w.parked()) {
                n++;
            }
        }
        return n;
    }

    /** Aborts the parked replicas no recovery resumed within the timeout; returns how many. */
    public int expireParked() {
        long now = System.nanoTime();
        int n = 0;
        for (ReplicaWriter w : inProgress.values().toArray(new ReplicaWriter[0])) {
            long since = w.parkedNanos();
            if (since != 0 && now - since >= parkedTimeoutNanos) {
                LOG.info("dropping the replica of {} ({} bytes) parked for a pipeline recovery that did not come",
                        w.block(), w.length());
                w.abort();
                expired.incrementAndGet();
                n++;
            }
        }
        return n;
    }

    /** The name server says generations up to {@code generation} of a block are stale: a parked one goes. */
    public boolean dropParked(long blockId, long generation) {
        ReplicaWriter w = inProgress.get(blockId);
        if (w != null && w.parked() && w.block().generation() <= generation) {
            LOG.info("dropping the parked replica of {}: the block went on without this server", w.block());
            w.abort();
            return true;
        }
        return false;
    }
}
