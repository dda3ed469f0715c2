package io.jdfs.bench;

import io.jdfs.client.ClientConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code dfs bench} runs and how big.
 *
 * @param remote     the cluster to measure, or null with {@code local}
 * @param local      start a cluster in this process (3 data servers, replication 2, 4 MiB blocks)
 * @param scratch    directory on this machine's disk for the local limits and the local cluster's data
 * @param size       bytes of the large file (write, read, heal; parallel splits it over the clients)
 * @param repeat     repetitions of every figure; the median is reported
 * @param clients    clients of the parallel suite
 * @param smallFiles files of 4 KiB created and deleted by the small suite
 * @param dirEntries entries of the directory the small suite lists and stats
 * @param metaFiles  files the meta suite creates (heap per file, checkpoint, restart)
 * @param suites     suites to run, in the order of {@link #ALL}
 */
public record BenchOptions(ClientConfig remote, boolean local, Path scratch, long size, int repeat, int clients,
                           int smallFiles, int dirEntries, int metaFiles, long heartbeatMillis, long deadAfterMillis,
                           boolean smoke, List<String> suites) {
    public static final List<String> ALL = List.of("write", "read", "parallel", "small", "heal", "meta", "webdav", "rewrite",
            "cli", "fuse", "tls");
    public static final long BLOCK_SIZE = 4L << 20;

    public BenchOptions {
        if (!local && remote == null) {
            throw new IllegalArgumentException("give a name server or local");
        }
        if (repeat < 1 || clients < 1 || size < (1 << 20) || smallFiles < 1 || dirEntries < 1 || metaFiles < 1) {
            throw new IllegalArgumentException("repeat, clients and counts must be positive, size at least 1 MiB");
        }
        for (String s : suites) {
            if (!ALL.contains(s)) {
                throw new IllegalArgumentException("unknown suite '" + s + "' (suites: " + String.join(", ", ALL) + ")");
            }
        }
        List<String> chosen = List.copyOf(suites);
        suites = ALL.stream().filter(s -> chosen.isEmpty() || chosen.contains(s)).toList();
    }

    /** Full sizes: 1 GiB, 3 repetitions, 4 clients, 1,000 small files, 10,000 entries, 100,000 files of metadata. */
    public static BenchOptions defaults(ClientConfig remote, boolean local, Path scratch) {
        return new BenchOptions(remote, local, scratch, 1L << 30, 3, 4, 1_000, 10_000, 100_000, 1_000, 6_000,
                false, List.of());
    }

    /** Tiny sizes and one repetition, for CI: 16 MiB, 100 small files, 500 entries, 2,000 files of metadata. */
    public BenchOptions smokeSized() {
        return new BenchOptions(remote, local, scratch, 16L << 20, 1, Math.min(clients, 4), 100, 500, 2_000,
                heartbeatMillis, deadAfterMillis, true, suites);
    }

    public BenchOptions withSize(long s) {
        return new BenchOptions(remote, local, scratch, s, repeat, clients, smallFiles, dirEntries, metaFiles,
                heartbeatMillis, deadAfterMillis, smoke, suites);
    }

    public BenchOptions withRepeat(int r) {
        return new BenchOptions(remote, local, scratch, size, r, clients, smallFiles, dirEntries, metaFiles,
                heartbeatMillis, deadAfterMillis, smoke, suites);
    }

    public BenchOptions withClients(int c) {
        return new BenchOptions(remote, local, scratch, size, repeat, c, smallFiles, dirEntries, metaFiles,
                heartbeatMillis, deadAfterMillis, smoke, suites);
    }

    public BenchOptions withSuites(List<String> s) {
        return new BenchOptions(remote, local, scratch, size, repeat, clients, smallFiles, dirEntries, metaFiles,
                heartbeatMillis, deadAfterMillis, smoke, s);
    }

    public BenchOptions withMetaFiles(int n) {
        return new BenchOptions(remote, local, scratch, size, repeat, clients, smallFiles, dirEntries, n,
                heartbeatMillis, deadAfterMillis, smoke, suites);
    }

    public BenchOptions withLiveness(long heartbeat, long deadAfter) {
        return new BenchOptions(remote, local, scratch, size, repeat, clients, smallFiles, dirEntries, metaFiles,
                heartbeat, deadAfter, smoke, suites);
    }
}
