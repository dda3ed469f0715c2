package io.jdfs.name;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        Properties p = new Properties();
        if (Files.exists(version)) {
            try (Reader r = Files.newBufferedReader(version, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            String id = p.getProperty("clusterId");
            if (id == null || id.isBlank()) {
                throw new IOException(version + " has no clusterId: the metadata directory is damaged");
            }
            return id;
        }
        String id = newClusterId();
        p.setProperty("clusterId", id);
        p.setProperty("layoutVersion", "1");
        Path tmp = dir.resolve("VERSION.tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "JDFS name server");
        }
        Files.move(tmp, version, StandardCopyOption.ATOMIC_MOVE);
        return id;
    }
}
