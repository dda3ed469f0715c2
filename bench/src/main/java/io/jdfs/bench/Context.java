package io.jdfs.bench;

import io.jdfs.client.ClientConfig;
import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.local.LocalCluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** What a suite works with: the options, the cluster, its clients, scratch space, the report. */
final class Context {
    static final int BUF = 1 << 20;

    final BenchOptions options;
    final Progress progress;
    final Report report;
    final Path scratch;
    final ClientConfig config;
    /** The cluster this process started, or null against a remote cluster. */
    final LocalCluster cluster;
    final DfsClient client;
    /** Directory of this run on the cluster; every suite works under it. */
    final String root;
    private final byte[] data = new byte[BUF];

    Context(BenchOptions options, Progress progress, Report report, Path scratch, ClientConfig config,
            LocalCluster cluster, DfsClient client, String root) {
        this.options = options;
        this.progress = progress;
        this.report = report;
        this.scratch = scratch;
        this.config = config;
        this.cluster = cluster;
        this.client = client;
        this.root = root;
        new Random(42).nextBytes(data);
    }

    String path(String relative) {
        return root + "/" + relative;
    }

    int repeat() {
        return options.repeat();
    }

    Figure figure(String suite, String name, String unit, boolean higherIsBetter, String limitName) {
        return report.add(new Figure(suite, name, unit, higherIsBetter, limitName));
    }

    /** {@code n} clients with their own connections; the caller closes them. */
    List<DfsClient> connect(int n) throws IOException {
        List<DfsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                clients.add(DfsClient.connect(config));
            }
        } catch (IOException | RuntimeException e) {
            closeAll(clients);
            throw e;
        }
        return clients;
    }

    static void closeAll(List<DfsClient> clients) {
        for (DfsClient c : clients) {
            c.close();
        }
    }

    /** A fresh copy of the 1 MiB pattern (each writer changes its first bytes). */
    byte[] buffer() {
        return data.clone();
    }

    /** Writes {@code bytes} of the pattern to a new (or overwritten) file in 1 MiB writes. */
    static void write(DfsClient client, String path, long bytes, byte[] buf) throws IOException {
        try (OutputStream out = client.create(path, CreateOptions.overwriting().withBlockSize(BenchOptions.BLOCK_SIZE)
                .withReplication(2))) {
            for (long done = 0; done < bytes; done += buf.length) {
                buf[0] = (byte) (done >>> 20);
                buf[1] = (byte) (done >>> 28);
                out.write(buf, 0, (int) Math.min(buf.length, bytes - done));
            }
        }
    }

    /** Reads a whole file in 1 MiB reads and checks its length. */
    static void read(DfsClient client, String path, long expected) throws IOException {
        long total = 0;
        byte[] in = new byte[BUF];
        try (InputStream is = client.open(path)) {
            for (int n; (n = is.read(in)) > 0; ) {
                total += n;
            }
        }
        if (total != expected) {
            throw new IOException("read " + total + " bytes of " + path + ", expected " + expected);
        }
    }

    /**
     * Deletes a file if it is there, so that every timed write starts where the previous copy was just
     * deleted, in every suite that compares two ways of writing. The API's overwriting create drops the
     * old file as it starts, while an atomic upload (a PUT, {@code dfs client upload}) replaces it only
     * when it is whole: the API's data servers then wrote into page cache the deletion had just freed,
     * the upload's into memory that (in a VM with free page reporting, as here) the host had taken back
     * and faults in again, at 2-3x the data servers' CPU per byte. Deleting first gives both the same start.
     */
    static void deleteIfPresent(DfsClient client, String path) throws IOException {
        try {
            client.delete(path, false);
        } catch (io.jdfs.protocol.PathNotFoundException e) {
            // first repetition: nothing to replace
        }
    }

    /** CPU time this process has used so far, every thread (a cost that other load on the machine does not blur). */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Process CPU seconds per GiB moved since {@code startCpuNanos}. */
    static double cpuPerGib(long startCpuNanos, long bytes) {
        return (cpuNanos() - startCpuNanos) / 1e9 / (bytes / 1073741824.0);
    }

    static double mib(long bytes) {
        return bytes / 1048576.0;
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
