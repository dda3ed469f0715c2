package io.jdfs.bench;

import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.local.LocalCluster;
import io.jdfs.name.NameServerConfig;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Write and read throughput of one large file on a local cluster (3 data servers, replication 2,
 * 4 MiB blocks), each beside the local limit measured in the same run: the same bytes written to a
 * local file with an fsync every 4 MiB, and a one-stream loopback TCP pump. Args: [MiB, default 1024].
 */
public final class ThroughputBenchmark {
    private static final int BUF = 1 << 20;

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        long bytes = mib << 20;
        byte[] buf = new byte[BUF];
        new Random(1).nextBytes(buf);
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", "/var/tmp")), "jdfs-tput");
        try {
            double localWrite = localFsyncWrite(dir.resolve("local"), bytes, buf);
            double tcp = loopbackTcp(bytes, buf);
            try (LocalCluster c = LocalCluster.start(dir.resolve("cluster"),
                    NameServerConfig.defaults().withAddress("127.0.0.1", 0, -1), 3, 0, 0);
                 DfsClient client = c.newClient()) {
                long t0 = System.nanoTime();
                try (DfsOutputStream out = client.create("/bench/big")) {
                    for (long done = 0; done < bytes; done += BUF) {
                        out.write(buf);
                    }
                }
                double write = mibPerSec(bytes, t0);
                t0 = System.nanoTime();
                long total = 0;
                byte[] in = new byte[BUF];
                try (InputStream is = client.open("/bench/big")) {
                    for (int n; (n = is.read(in)) > 0; ) {
                        total += n;
                    }
                }
                double read = mibPerSec(total, t0);
                if (total != bytes) {
                    throw new IllegalStateException("read " + total + " of " + bytes);
                }
                System.out.printf(Locale.ROOT, "%-8s %10s %14s %8s%n", "", "JDFS MiB/s", "local MiB/s", "ratio");
                System.out.printf(Locale.ROOT, "%-8s %10.0f %14.0f %8.2f   (local: file + fsync every 4 MiB)%n",
                        "write", write, localWrite, write / localWrite);
                System.out.printf(Locale.ROOT, "%-8s %10.0f %14.0f %8.2f   (local: one-stream loopback TCP)%n",
                        "read", read, tcp, read / tcp);
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double mibPerSec(long bytes, long t0) {
        return (bytes / 1048576.0) / ((System.nanoTime() - t0) / 1e9);
    }

    static double localFsyncWrite(Path file, long bytes, byte[] buf) throws Exception {
        long t0 = System.nanoTime();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long sinceSync = 0;
            for (long done = 0; done < bytes; done += buf.length) {
                ByteBuffer b = ByteBuffer.wrap(buf);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                sinceSync += buf.length;
                if (sinceSync >= 4 << 20) {
                    ch.force(false);
                    sinceSync = 0;
                }
            }
            ch.force(false);
        }
        double r = mibPerSec(bytes, t0);
        Files.delete(file);
        return r;
    }

    static double loopbackTcp(long bytes, byte[] buf) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread sink = new Thread(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    byte[] b = new byte[BUF];
                    while (in.read(b) >= 0) {
                        // discard
                    }
                } catch (Exception ignored) {
                    // done
                }
            });
            sink.start();
            long t0 = System.nanoTime();
            try (Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), server.getLocalPort());
                 OutputStream out = s.getOutputStream()) {
                for (long done = 0; done < bytes; done += buf.length) {
                    out.write(buf);
                }
            }
            sink.join();
            return mibPerSec(bytes, t0);
        }
    }
}
