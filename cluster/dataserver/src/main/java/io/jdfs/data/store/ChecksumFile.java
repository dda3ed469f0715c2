package io.jdfs.data.store;

import io.jdfs.protocol.Protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The sidecar of a replica: a header (magic, version, chunk size) then one CRC32C per chunk of data.
 * Reading one loads every checksum (4 bytes per 64 KiB: 256 bytes for a 4 MiB block).
 */
public final class ChecksumFile {
    public static final int MAGIC = 0x4A435243; // "JCRC"
    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 12;

    private ChecksumFile() {
    }

    public static ByteBuffer header() {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES);
        b.putInt(MAGIC).putInt(VERSION).putInt(Protocol.CHUNK_SIZE).flip();
        return b;
    }

    /** Reads the checksums of a replica of {@code length} bytes; fails when the sidecar does not fit. */
    public static int[] read(Path meta, long length) throws IOException {
        int chunks = (int) ((length + Protocol.CHUNK_SIZE - 1) / Protocol.CHUNK_SIZE);
        try (FileChannel ch = FileChannel.open(meta, StandardOpenOption.READ)) {
            long expected = HEADER_BYTES + 4L * chunks;
            if (ch.size() != expected) {
                throw new IOException(meta + " has " + ch.size() + " bytes, expected " + expected);
            }
            ByteBuffer b = ByteBuffer.allocate((int) expected);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // keep reading
            }
            b.flip();
            if (b.getInt() != MAGIC || b.getInt() != VERSION || b.getInt() != Protocol.CHUNK_SIZE) {
                throw new IOException(meta + " is not a JDFS checksum file");
            }
            int[] crcs = new int[chunks];
            for (int i = 0; i < chunks; i++) {
                crcs[i] = b.getInt();
            }
            return crcs;
        }
    }

    /** The first {@code chunks} checksums of a sidecar still being written (it may hold more). */
    static int[] readFirst(Path meta, int chunks) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * chunks);
        try (FileChannel ch = FileChannel.open(meta, StandardOpenOption.READ)) {
            for (long at = HEADER_BYTES; b.hasRemaining(); ) {
                int n = ch.read(b, at);
                if (n < 0) {
                    throw new IOException(meta + " ends before " + chunks + " checksums");
                }
                at += n;
            }
        }
        b.flip();
        int[] crcs = new int[chunks];
        for (int i = 0; i < chunks; i++) {
            crcs[i] = b.getInt();
        }
        return crcs;
    }

    /** Cuts an open sidecar to the checksums of {@code chunks} chunks; the next write appends after them. */
    static void truncate(FileChannel meta, int chunks) throws IOException {
        long length = HEADER_BYTES + 4L * chunks;
        meta.truncate(length);
        meta.position(length);
    }
}
