package io.jdfs.name;

import io.jdfs.common.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;

/** The VERSION file of a metadata directory: the cluster id, created on first start, never replaced. */
public final class ClusterIdStore {
    private ClusterIdStore() {
    }

    public static String newClusterId() {
        return "CID-" + UUID.randomUUID();
    }

    /** Reads the cluster id of {@code dir}, creating it (and the directory) when there is none yet. */
    public static String loadOrCreate(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path version = dir.resolve("VERSION");
        Properties p = AtomicFiles.readProperties(version);
        if (p != null) {
            String id = p.getProperty("clusterId");
            if (id == null || id.isBlank()) {
                throw new IOException(version + " has no clusterId: the metadata directory is damaged");
            }
            return id;
        }
        String id = newClusterId();
        p = new Properties();
        p.setProperty("clusterId", id);
        p.setProperty("layoutVersion", "1");
        AtomicFiles.writeProperties(version, p, "JDFS name server");
        return id;
    }
}
