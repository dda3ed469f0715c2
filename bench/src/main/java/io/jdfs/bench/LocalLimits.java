package io.jdfs.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What this machine does without JDFS, measured in the same run as the JDFS figures: a local file
 * written with an fsync every block, a one-stream loopback TCP pump, and small-file operations on the
 * local file system.
 */
final class LocalLimits {
    static final String FSYNC_WRITE = "local file, fsync every 4 MiB";
    static final String LOOPBACK = "loopback TCP, one stream";

    private LocalLimits() {
    }

    /** MiB/s writing {@code bytes} to a new local file in 1 MiB writes, fsync every {@code syncEvery} bytes. */
    static double fsyncWrite(Path dir, long bytes, long syncEvery, byte[] buf) throws IOException {
        Path file = Files.createTempFile(dir, "limit", ".bin");
        long t0 = System.nanoTime();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long sinceSync = 0;
            for (long done = 0; done < bytes; done += buf.length) {
                ByteBuffer b = ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, bytes - done));
                sinceSync += b.remaining();
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                if (sinceSync >= syncEvery) {
                    ch.force(false);
                    sinceSync = 0;
                }
            }
            ch.force(false);
        } finally {
            Files.deleteIfExists(file);
        }
        return Context.mib(bytes) / Context.seconds(t0);
    }

    /** MiB/s through one loopback TCP connection between two threads of this JVM, 1 MiB writes. */
    static double loopbackTcp(long bytes, byte[] buf) throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, lo)) {
            long[] received = new long[1];
            Thread sink = new Thread(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    byte[] b = new byte[Context.BUF];
                    for (int n; (n = in.read(b)) >= 0; ) {
                        received[0] += n;
                    }
                } catch (IOException ignored) {
                    // the count below tells
                }
            }, "loopback-sink");
            sink.start();
            long t0 = System.nanoTime();
            try (Socket s = new Socket(lo, server.getLocalPort()); OutputStream out = s.getOutputStream()) {
                for (long done = 0; done < bytes; done += buf.length) {
                    out.write(buf, 0, (int) Math.min(buf.length, bytes - done));
                }
            }
            sink.join();
            double r = Context.mib(bytes) / Context.seconds(t0);
            if (received[0] != bytes) {
                throw new IOException("loopback pump received " + received[0] + " of " + bytes + " bytes");
            }
            return r;
        }
    }

    /** Files per second creating {@code count} files of {@code content} in {@code dir} with {@code threads}. */
    static double createFiles(Path dir, int count, int threads, byte[] content) throws Exception {
        Files.createDirectories(dir);
        double s = Parallel.timed(threads, t -> {
            int[] r = Parallel.slice(count, threads, t);
            for (int i = r[0]; i < r[1]; i++) {
                Files.write(dir.resolve("f" + i), content);
            }
        });
        return count / s;
    }

    /**
     * Files per second creating {@code count} files durably with one thread, as a local file system
     * acknowledges a durable create: write, fsync of the file, fsync of its directory.
     */
    static double durableCreates(Path dir, int count, byte[] content) throws IOException {
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        try (FileChannel parent = FileChannel.open(dir, StandardOpenOption.READ)) {
            for (int i = 0; i < count; i++) {
                try (FileChannel ch = FileChannel.open(dir.resolve("d" + i),
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    ByteBuffer b = ByteBuffer.wrap(content);
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                    ch.force(true);
                }
                parent.force(true);
            }
        }
        return count / Context.seconds(t0);
    }

    /**
     * Device flushes per second, one after another: 4 KiB appended to a preallocated file and
     * fdatasync'd, {@code count} times. A durable small file in JDFS waits for three of these in a row
     * (two replicas and the journal), so a third of this rate is what one client can reach.
     */
    static double serialFlushes(Path dir, int count) throws IOException {
        Path file = Files.createTempFile(dir, "flush", ".bin");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer zero = ByteBuffer.allocate(4096);
            for (int i = 0; i < count; i++) {
                zero.clear();
                while (zero.hasRemaining()) {
                    ch.write(zero, (long) i * 4096 + zero.position());
                }
            }
            ch.force(true);
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                zero.clear();
                while (zero.hasRemaining()) {
                    ch.write(zero, (long) i * 4096 + zero.position());
                }
                ch.force(false);
            }
            return count / Context.seconds(t0);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Stats per second of every file in a directory, split over {@code threads}. */
    static double stat(Path dir, int count, int threads) throws Exception {
        double s = Parallel.timed(threads, t -> {
            int[] r = Parallel.slice(count, threads, t);
            for (int i = r[0]; i < r[1]; i++) {
                Files.readAttributes(dir.resolve("f" + i), BasicFileAttributes.class).size();
            }
        });
        return count / s;
    }

    /** Milliseconds to list a directory with the attributes of each entry (what a listing returns). */
    static double list(Path dir, int expected) throws IOException {
        long t0 = System.nanoTime();
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                Files.readAttributes(p, BasicFileAttributes.class);
                n++;
            }
        }
        double ms = Context.seconds(t0) * 1000;
        if (n != expected) {
            throw new IOException("listed " + n + " entries of " + dir + ", expected " + expected);
        }
        return ms;
    }

    /** Files per second deleting f0..f(count-1) of a directory with one thread. */
    static double delete(Path dir, int count) throws IOException {
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Files.delete(dir.resolve("f" + i));
        }
        return count / Context.seconds(t0);
    }
}
