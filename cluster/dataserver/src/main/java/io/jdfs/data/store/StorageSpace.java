package io.jdfs.data.store;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** The space of a storage directory: its file system's size and free space, and the configured limit. */
final class StorageSpace {
    private final Path root;
    private final long capacityLimit;
    private volatile FileStore fileStore;

    StorageSpace(Path root, long capacityLimit) {
        this.root = root;
        this.capacityLimit = capacityLimit;
    }

    /**
     * The file system of the storage directory, looked up once: finding it reads the mount table, which
     * costs more than the rest of a small block's write (every new replica asks how much space is left).
     */
    private FileStore fileStore() throws IOException {
        FileStore fs = fileStore;
        if (fs == null) {
            fs = Files.getFileStore(root);
            fileStore = fs;
        }
        return fs;
    }

    long capacity() {
        long disk;
        try {
            disk = fileStore().getTotalSpace();
        } catch (IOException e) {
            disk = 0;
        }
        return capacityLimit > 0 ? Math.min(capacityLimit, disk) : disk;
    }

    long free() {
        try {
            return fileStore().getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }

    String fileSystem() {
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

    /** Bytes a new block may still use, {@code used} being taken: the lower of the limit's rest and the free space. */
    long remaining(long used) {
        long free = free();
        if (capacityLimit > 0) {
            free = Math.min(free, capacityLimit - used);
        }
        return Math.max(0, free);
    }
}
