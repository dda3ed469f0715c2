package io.jdfs.data.store;

import io.jdfs.common.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;

/**
 * The VERSION file of a storage directory: this data server's stable id, and the cluster it joined
 * (empty until its first registration). A server never joins a second cluster with the same storage.
 */
public final class StorageIdentity {
    private final Path file;
    private final String serverId;
    private volatile String clusterId;

    private StorageIdentity(Path file, String serverId, String clusterId) {
        this.file = file;
        this.serverId = serverId;
        this.clusterId = clusterId;
    }

    public static StorageIdentity loadOrCreate(Path storageDir) throws IOException {
        Files.createDirectories(storageDir);
        Path file = storageDir.resolve("VERSION");
        Properties p = AtomicFiles.readProperties(file);
        if (p != null) {
            String id = p.getProperty("serverId");
            if (id == null || id.isBlank()) {
                throw new IOException(file + " has no serverId: the storage directory is damaged");
            }
            return new StorageIdentity(file, id, p.getProperty("clusterId", ""));
        }
        StorageIdentity s = new StorageIdentity(file, "DS-" + UUID.randomUUID(), "");
        s.save();
        return s;
    }

    public String serverId() {
        return serverId;
    }

    public String clusterId() {
        return clusterId;
    }

    /** Records the cluster joined on first registration. */
    public synchronized void joined(String id) throws IOException {
        if (clusterId.isEmpty()) {
            clusterId = id;
            save();
        }
    }

    private void save() throws IOException {
        Properties p = new Properties();
        p.setProperty("serverId", serverId);
        p.setProperty("clusterId", clusterId);
        AtomicFiles.writeProperties(file, p, "JDFS data server");
    }
}
