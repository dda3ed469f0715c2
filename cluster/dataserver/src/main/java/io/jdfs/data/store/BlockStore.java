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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The replicas of one storage directory. Layout: {@code tmp/} for replicas being written,
 * {@code finalized/NN/MM/blk_ID} with its sidecar {@code blk_ID_GEN.meta}. File names are made here
 * from numeric ids only: no client string ever becomes a path.
 */
public final class BlockStore {
    private static final Logger LOG = LoggerFactory.getLogger(BlockStore.class);
    private static final Pattern META = Pattern.compile("blk_(\\d+)_(\\d+)\\.meta");
    public static final long MAX_REPLICA_BYTES = 1L << 30;

    private final Path root;
    private final Path tmp;
    private final Path finalized;
    private final long capacityLimit;
    private final Map<Long, Replica> replicas = new ConcurrentHashMap<>();
    private final AtomicLong used = new AtomicLong();

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
        Files.createDirectories(tmp);
        Files.createDirectories(finalized);
        cleanTmp();
        load();
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
                replicas.put(id, new Replica(new Block(id, gen, len), data, meta));
                used.addAndGet(len);
            }
        }
        LOG.info("storage {}: {} replicas, {} bytes", root, replicas.size(), used.get());
    }

    public Path root() {
        return root;
    }

    /** Starts a new replica; refuses when it exists already or the store is full. */
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
        String name = "blk_" + block.id();
        String tmpName = name + "_" + block.generation();
        return new ReplicaWriter(this, block, tmp.resolve(tmpName), tmp.resolve(tmpName + ".meta"));
    }

    void reserve(long bytes) throws NoSpaceException {
        long after = used.addAndGet(bytes);
        if (capacityLimit > 0 && after > capacityLimit) {
            used.addAndGet(-bytes);
            throw new NoSpaceException(ErrorCode.NO_SPACE, "data server storage " + root + " is full ("
                    + capacityLimit + " bytes)");
        }
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    synchronized Replica finalizeReplica(Block block, Path data, Path meta) throws IOException {
        Path dir = finalized.resolve(String.format("%02x", (block.id() >> 16) & 0xff))
                .resolve(String.format("%02x", (block.id() >> 8) & 0xff));
        Files.createDirectories(dir);
        Path finalData = dir.resolve("blk_" + block.id());
        Path finalMeta = dir.resolve(meta.getFileName());
        Replica old = replicas.get(block.id());
        if (old != null && old.block().generation() >= block.generation()) {
            throw new PathExistsException("replica of block " + block.id() + " already exists");
        }
        Files.move(data, finalData, StandardCopyOption.ATOMIC_MOVE);
        Files.move(meta, finalMeta, StandardCopyOption.ATOMIC_MOVE);
        // the renames are part of what a finalize promises: make them durable before the ack
        fsyncDirectory(dir);
        Replica r = new Replica(block, finalData, finalMeta);
        Replica replaced = replicas.put(block.id(), r);
        if (replaced != null) {
            // an older generation: its data file was just replaced, its sidecar goes
            if (!replaced.metaFile().equals(finalMeta)) {
                Files.deleteIfExists(replaced.metaFile());
            }
            used.addAndGet(-replaced.length());
        }
        return r;
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        io.jdfs.common.AtomicFiles.fsyncDirectory(dir);
    }

    public Replica get(long blockId) {
        return replicas.get(blockId);
    }

    /** Removes a replica; false when there was none. */
    public boolean delete(long blockId) {
        Replica r = replicas.remove(blockId);
        if (r == null) {
            return false;
        }
        try {
            Files.deleteIfExists(r.dataFile());
            Files.deleteIfExists(r.metaFile());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", r.dataFile(), e.toString());
        }
        used.addAndGet(-r.length());
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
        return used.get();
    }

    public long capacity() {
        long disk;
        try {
            disk = Files.getFileStore(root).getTotalSpace();
        } catch (IOException e) {
            disk = 0;
        }
        return capacityLimit > 0 ? Math.min(capacityLimit, disk) : disk;
    }

    /** What the file system holding the blocks has free for this process (df's Avail), whatever the limit. */
    public long fileSystemFree() {
        try {
            return Files.getFileStore(root).getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The file system the blocks are stored on, as "host:device" (the device id of stat(2)), so the name server
     * counts a disk shared by several servers once; the store's name where the device id is not available.
     */
    public String fileSystem() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        try {
            Object dev = Files.getAttribute(root, "unix:dev");
            return host + ":" + dev;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            try {
                return host + ":" + Files.getFileStore(root).name();
            } catch (IOException e2) {
                return null;
            }
        }
    }

    /** Bytes a new block may still use: the lower of the configured limit and the disk's free space. */
    public long remaining() {
        long free;
        try {
            free = Files.getFileStore(root).getUsableSpace();
        } catch (IOException e) {
            free = 0;
        }
        if (capacityLimit > 0) {
            free = Math.min(free, capacityLimit - used.get());
        }
        return Math.max(0, free);
    }
}
