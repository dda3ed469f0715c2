package io.jdfs.data.scanner;

import io.jdfs.data.HealingSettings;
import io.jdfs.data.Throttle;
import io.jdfs.data.store.BlockStore;
import io.jdfs.data.store.Replica;
import io.jdfs.protocol.Protocol;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.zip.CRC32C;

/**
 * Re-reads every finalized replica in the background, at a limited rate, and checks each 64 KiB chunk
 * against its CRC32C sidecar; a replica that fails is handed to {@code onCorrupt} (which reports it to
 * the name server). One pass, then a pause of the configured interval, then the next pass.
 */
public final class BlockScanner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlockScanner.class);

    private final BlockStore store;
    private final HealingSettings settings;
    private final BiConsumer<Replica, String> onCorrupt;
    private final ScheduledExecutorService exec;
    private final AtomicLong passes = new AtomicLong();
    private final AtomicLong corruptFound = new AtomicLong();
    private volatile boolean closed;

    public BlockScanner(BlockStore store, HealingSettings settings, BiConsumer<Replica, String> onCorrupt) {
        this.store = store;
        this.settings = settings;
        this.onCorrupt = onCorrupt;
        this.exec = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("jdfs-ds-scanner", true));
    }

    public void start() {
        if (settings.scanIntervalMillis() > 0) {
            exec.scheduleWithFixedDelay(this::pass, settings.scanIntervalMillis(), settings.scanIntervalMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Completed passes over the whole store. */
    public long passes() {
        return passes.get();
    }

    public long corruptFound() {
        return corruptFound.get();
    }

    private void pass() {
        Throttle throttle = new Throttle(settings.scanBytesPerSecond());
        ByteBuffer buf = ByteBuffer.allocateDirect(Protocol.CHUNK_SIZE);
        long replicas = 0;
        long bytes = 0;
        try {
            for (Replica r : new ArrayList<>(store.replicas())) {
                if (closed) {
                    return;
                }
                String problem = verify(r, buf, throttle);
                replicas++;
                bytes += r.length();
                if (problem != null && store.get(r.id()) == r) {
                    corruptFound.incrementAndGet();
                    LOG.warn("block scanner: replica {} is corrupt: {}", r.block(), problem);
                    onCorrupt.accept(r, problem);
                }
            }
            passes.incrementAndGet();
            LOG.debug("block scanner: pass over {} replicas ({} MiB) done", replicas, bytes >> 20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("block scanner pass failed", e);
        }
    }

    /** Null when the replica is sound, else what is wrong with it. */
    String verify(Replica r, ByteBuffer buf, Throttle throttle) throws InterruptedException {
        int[] crcs;
        try {
            crcs = r.checksums();
        } catch (IOException e) {
            return store.get(r.id()) == r ? "checksum file unreadable: " + e.getMessage() : null;
        }
        CRC32C crc = new CRC32C();
        try (FileChannel ch = FileChannel.open(r.dataFile(), StandardOpenOption.READ)) {
            if (!r.inContainer() && ch.size() != r.length()) {
                return "data file has " + ch.size() + " bytes, expected " + r.length();
            }
            long pos = 0;
            for (int chunk = 0; pos < r.length(); chunk++) {
                int n = (int) Math.min(Protocol.CHUNK_SIZE, r.length() - pos);
                throttle.acquire(n);
                buf.clear().limit(n);
                while (buf.hasRemaining()) {
                    if (ch.read(buf, r.dataOffset() + pos + buf.position()) < 0) {
                        return "data file ends early at " + (pos + buf.position());
                    }
                }
                buf.flip();
                crc.reset();
                crc.update(buf);
                if ((int) crc.getValue() != crcs[chunk]) {
                    return "checksum mismatch in the chunk at offset " + pos;
                }
                pos += n;
            }
            return null;
        } catch (IOException e) {
            // deleted or replaced while we read it: not corruption
            return store.get(r.id()) == r ? "unreadable: " + e.getMessage() : null;
        }
    }

    @Override
    public void close() {
        closed = true;
        exec.shutdownNow();
    }
}
