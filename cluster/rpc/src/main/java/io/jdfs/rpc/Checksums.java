package io.jdfs.rpc;

import io.jdfs.protocol.Protocol;
import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** CRC32C per {@link Protocol#CHUNK_SIZE} chunk of a packet's bytes (the last chunk may be short). */
public final class Checksums {
    private Checksums() {
    }

    public static int chunks(int bytes) {
        return (bytes + Protocol.CHUNK_SIZE - 1) / Protocol.CHUNK_SIZE;
    }

    public static int[] compute(ByteBuf data) {
        int len = data.readableBytes();
        int[] out = new int[chunks(len)];
        CRC32C crc = new CRC32C();
        for (int i = 0; i < out.length; i++) {
            int from = data.readerIndex() + i * Protocol.CHUNK_SIZE;
            int n = Math.min(Protocol.CHUNK_SIZE, data.writerIndex() - from);
            crc.reset();
            update(crc, data, from, n);
            out[i] = (int) crc.getValue();
        }
        return out;
    }

    /** Index of the first chunk whose bytes do not match, or -1 when all do. */
    public static int firstMismatch(ByteBuf data, int[] crcs) {
        CRC32C crc = new CRC32C();
        for (int i = 0; i < crcs.length; i++) {
            int from = data.readerIndex() + i * Protocol.CHUNK_SIZE;
            int n = Math.min(Protocol.CHUNK_SIZE, data.writerIndex() - from);
            crc.reset();
            update(crc, data, from, n);
            if ((int) crc.getValue() != crcs[i]) {
                return i;
            }
        }
        return -1;
    }

    private static void update(CRC32C crc, ByteBuf data, int from, int n) {
        if (data.nioBufferCount() == 1) {
            crc.update(data.nioBuffer(from, n));
        } else {
            for (ByteBuffer b : data.nioBuffers(from, n)) {
                crc.update(b);
            }
        }
    }
}
