package io.jdfs.data.store;

import io.jdfs.protocol.Block;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.NoSpaceException;
import io.jdfs.protocol.PathExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The replicas of one storage directory. Layout: {@code tmp/} for replicas being written,
 * {@code finalized/NN/MM/blk_ID} with its sidecar {@code blk_ID_GEN.meta}, and {@code containers/}
 * for small replicas ({@link ContainerStore}). File names are made here from numeric ids only: no
 * client string ever becomes a path.
 */
public final class BlockStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlockStore.class);
    private static final Pattern META = Pattern.compile("blk_(\\d+)_(\\d+)\\.meta");
    public static final long MAX_REPLICA_BYTES = 1L << 30;
    /** System property: container size in bytes for stores opened after it is set (tests: roll-over without 64 MiB). */
    public static final String CONTAINER_SIZE_PROPERTY = "jdfs.dataserver.containerBytes";

    private final Path root;
    private final Path tmp;
    private final Path finalized;
    private final long capacityLimit;
    private final ReplicaMap replicas = new ReplicaMap();
    private final ContainerStore containers;
    private final ReplicasInProgress inProgress = new ReplicasInProgress(this);
    private final StorageSpace space;

    /**
     * Opens (creating if needed) a storage directory. Replicas left half-written in {@code tmp/} by a
     * crash are removed: they were never acknowledged.
     *
     * @param capacityLimit bytes this store may use; 0 for "what the disk has"
     */
    public BlockStore(Path root, long capacityLimit) throws IOException {
        this.root = root;
        this.tmp = root.resolve("tmp");
        this.finalized = root.resolve("finalized");
        this.capacityLimit = capacityLimit;
        this.space = new StorageSpace(root, capacityLimit);
        Files.createDirectories(tmp);
        Files.createDirectories(finalized);
        this.containers = new ContainerStore(root.resolve("containers"));
        cleanTmp();
        load();
        containers.load(this::loaded);
        LOG.info("storage {}: {} replicas ({} in {} containers), {} bytes", root, replicas.size(),
                replicas.values().stream().filter(Replica::inContainer).count(), containers.containerCount(), replicas.used());
    }

    /** A small replica found in a container at start-up: the newer generation of a block wins. */
    private void loaded(ContainerStore.Found f) {
        Replica r = containerReplica(f.block(), f.slot(), f.crcs());
        Replica old = replicas.get(f.block().id());
        if (old != null && old.inContainer() && old.slot().seq() == f.slot().seq()) {
            // twins left by a compaction: the copy in the newer container is kept, the other is not a deletion
            replicas.add(r);
            containers.discardCopy(old.slot(), (int) old.length());
            return;
        }
        if (old != null && (old.block().generation() > f.block().generation()
                || old.block().generation() == f.block().generation()
                && (!old.inContainer() || old.slot().seq() > f.slot().seq()))) {
            containers.delete(f.slot(), (int) f.block().length());
            return;
        }
        Replica replaced = replicas.add(r);
        if (replaced != null) {
            dropStorage(replaced);
        }
    }

    private static Replica containerReplica(Block block, ContainerStore.Slot slot, int[] crcs) {
        return new Replica(block, slot.container().path, null,
                ContainerRecord.dataOffset(slot.recordOffset(), (int) block.length()), crcs, slot);
    }

    /** Removes the bytes of a replica no longer in the map (a file pair, or a container record). */
    private void dropStorage(Replica r) {
        if (r.inContainer()) {
            containers.delete(r.slot(), (int) r.length());
            return;
        }
        try {
            Files.deleteIfExists(r.dataFile());
            Files.deleteIfExists(r.metaFile());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", r.dataFile(), e.toString());
        }
    }

    ContainerStore containerStore() {
        return containers;
    }

    /** The replicas whose record is in container {@code c} now. */
    List<Replica> replicasIn(Container c) {
        List<Replica> out = new ArrayList<>();
        for (Replica r : replicas.values()) {
            if (r.inContainer() && r.slot().container() == c) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Points a replica at its compacted copy, unless it was deleted or replaced meanwhile (then false:
     * the copy is garbage). Readers see the old place or the new one, both valid until the old file goes.
     */
    boolean moveReplica(Replica old, ContainerStore.Slot copy) {
        return replicas.replace(old, containerReplica(old.block(), copy, old.crcs()));
    }

    /**
     * Appends a small replica to a container and returns once it is on disk (group commit with the
     * other replicas being appended).
     */
    Replica finalizeSmall(Block block, byte[] data, int length, int[] crcs) throws IOException {
        try {
            return finalizeSmallAsync(block, data, length, crcs).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /**
     * As {@link #finalizeSmall}, without waiting: completes on the container committer's thread once the
     * replica is on disk and in the map.
     */
    java.util.concurrent.CompletableFuture<Replica> finalizeSmallAsync(Block block, byte[] data, int length, int[] crcs) {
        Replica existing = replicas.get(block.id());
        if (existing != null && existing.block().generation() >= block.generation()) {
            return java.util.concurrent.CompletableFuture.failedFuture(
                    new PathExistsException("replica of block " + block.id() + " already exists"));
        }
        return containers.putAsync(block, data, length, crcs).thenApply(slot -> {
            Replica r = containerReplica(block, slot, crcs.clone());
            Replica replaced;
            synchronized (this) {
                Replica old = replicas.get(block.id());
                if (old != null && old.block().generation() >= block.generation()) {
                    containers.delete(slot, length);
                    throw new java.util.concurrent.CompletionException(
                            new PathExistsException("replica of block " + block.id() + " already exists"));
                }
                replaced = replicas.install(r);
            }
            if (replaced != null) {
                dropStorage(replaced);
            }
            return r;
        });
    }

    /**
     * Tells {@code listener} of every group commit of small replicas: how many replicas one container
     * sync made durable, and how long the sync took (nanoseconds).
     */
    public void onContainerSync(java.util.function.ObjLongConsumer<Integer> listener) {
        containers.onSync(listener::accept);
    }

    /** Bytes of deleted small replicas still inside containers (until a compaction reclaims them). */
    public long containerGarbage() {
        return containers.deadBytes();
    }

    /** Aborts the replicas still being written, syncs deletion marks and closes the containers. */
    @Override
    public void close() {
        abortInProgress();
        containers.close(true);
    }

    /** Closes the containers without a last sync (a crash, for tests). */
    public void closeWithoutSync() {
        abortInProgress();
        containers.close(false);
    }

    private void abortInProgress() {
        inProgress.abortAll();
    }

    /** The replicas being written here, and those parked after a broken pipeline. */
    public ReplicasInProgress inProgress() {
        return inProgress;
    }

    Path tmp() {
        return tmp;
    }

    private void cleanTmp() throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(tmp)) {
            for (Path p : s) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void load() throws IOException {
        try (Stream<Path> files = Files.walk(finalized)) {
            for (Path meta : (Iterable<Path>) files::iterator) {
                Matcher m = META.matcher(meta.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                long id = Long.parseLong(m.group(1));
                long gen = Long.parseLong(m.group(2));
                Path data = meta.resolveSibling("blk_" + id);
                if (!Files.exists(data)) {
                    LOG.warn("checksum file {} has no data file; ignoring it", meta);
                    continue;
                }
                long len = Files.size(data);
                replicas.add(new Replica(new Block(id, gen, len), data, meta));
            }
        }
    }

    public Path root() {
        return root;
    }

    /**
     * Starts a new replica; refuses when it exists already, is being written at this generation or a
     * newer one, or the store is full. A replica of an older generation still being written, or a parked
     * one of this generation, is aborted: the new one replaces it.
     */
    public ReplicaWriter create(Block block) throws IOException {
        if (block.id() <= 0 || block.generation() <= 0) {
            throw new DfsException(ErrorCode.INVALID_ARGUMENT, "invalid block " + block);
        }
        Replica existing = replicas.get(block.id());
        if (existing != null && existing.block().generation() >= block.generation()) {
            // a newer generation (pipeline recovery) replaces an older replica when it is finalized
            throw new PathExistsException("replica of block " + block.id() + " already exists");
        }
        if (remaining() <= 0) {
            throw new NoSpaceException(ErrorCode.NO_SPACE, "data server storage " + root + " is full");
        }
        String tmpName = "blk_" + block.id() + "_" + block.generation();
        ReplicaWriter w = new ReplicaWriter(this, block, tmp.resolve(tmpName), tmp.resolve(tmpName + ".meta"));
        inProgress.register(w);
        return w;
    }


    void reserve(long bytes) throws NoSpaceException {
        long after = replicas.reserve(bytes);
        if (capacityLimit > 0 && after > capacityLimit) {
            replicas.release(bytes);
            throw new NoSpaceException(ErrorCode.NO_SPACE, "data server storage " + root + " is full ("
                    + capacityLimit + " bytes)");
        }
    }

    void release(long bytes) {
        replicas.release(bytes);
    }

    /**
     * Moves a synced replica into place and makes the move durable before returning (the ack waits
     * for it). The directory fsync runs outside the store's lock: finalizes that run at once each
     * wait for the same journal commit of the file system instead of queueing one by one.
     */
    Replica finalizeReplica(Block block, Path data, Path meta) throws IOException {
        Replica r = install(block, data, meta);
        fsyncDirectory(r.dataFile().getParent());
        return r;
    }

    private synchronized Replica install(Block block, Path data, Path meta) throws IOException {
        Path dir = finalized.resolve(String.format("%02x", (block.id() >> 16) & 0xff))
                .resolve(String.format("%02x", (block.id() >> 8) & 0xff));
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            fsyncDirectory(dir.getParent()); // a new directory's own name must survive a power cut too
            fsyncDirectory(finalized);
        }
        Path finalData = dir.resolve("blk_" + block.id());
        Path finalMeta = dir.resolve(meta.getFileName());
        Replica old = replicas.get(block.id());
        if (old != null && old.block().generation() >= block.generation()) {
            throw new PathExistsException("replica of block " + block.id() + " already exists");
        }
        Files.move(data, finalData, StandardCopyOption.ATOMIC_MOVE);
        Files.move(meta, finalMeta, StandardCopyOption.ATOMIC_MOVE);
        Replica r = new Replica(block, finalData, finalMeta);
        Replica replaced = replicas.install(r);
        if (replaced != null) {
            if (replaced.inContainer()) {
                containers.delete(replaced.slot(), (int) replaced.length());
            } else if (!replaced.metaFile().equals(finalMeta)) {
                // an older generation: its data file was just replaced, its sidecar goes
                Files.deleteIfExists(replaced.metaFile());
            }
        }
        return r;
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        io.jdfs.common.AtomicFiles.fsyncDirectory(dir);
    }

    public Replica get(long blockId) {
        return replicas.get(blockId);
    }

    /**
     * Removes a replica; false when there was none. Its bytes leave {@link #used} as it leaves the map,
     * before its files or record go (that takes a while), so used never counts a replica no one can see.
     */
    public boolean delete(long blockId) {
        Replica r = replicas.remove(blockId);
        if (r == null) {
            return false;
        }
        dropStorage(r);
        return true;
    }

    public Collection<Replica> replicas() {
        return replicas.values();
    }

    public List<Block> report() {
        List<Block> out = new ArrayList<>(replicas.size());
        for (Replica r : replicas.values()) {
            out.add(r.block());
        }
        return out;
    }

    public long used() {
        return replicas.used();
    }

    public long capacity() {
        return space.capacity();
    }

    /** What the file system holding the blocks has free for this process (df's Avail), whatever the limit. */
    public long fileSystemFree() {
        return space.free();
    }

    /**
     * The file system the blocks are stored on, as "host:device" (the device id of stat(2)), so the name server
     * counts a disk shared by several servers once; the store's name where the device id is not available.
     */
    public String fileSystem() {
        return space.fileSystem();
    }

    /** Bytes a new block may still use: the lower of the configured limit and the disk's free space. */
    public long remaining() {
        return space.remaining(replicas.used());
    }
}
