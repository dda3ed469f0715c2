package io.jdfs.data.store;

import io.jdfs.protocol.Protocol;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * One small replica inside a container file. Layout (big-endian):
 * <pre>
 *  0 int  magic "JBLK"
 *  4 int  state: LIVE, DEAD once deleted, VOID for an unused compaction copy (written in place; not
 *         covered by the header CRC). DEAD means the replica is gone: it kills the record's twins (copies
 *         with the same sequence number); VOID drops only this copy.
 *  8 long sequence number (store-wide, increasing: the newer of two records of a block wins)
 * 16 long block id
 * 24 long generation
 * 32 int  length in bytes
 * 36 int  CRC32C of bytes 0..3 and 8..35
 * 40 int[chunks] CRC32C per 64 KiB chunk of the data
 *    data
 * </pre>
 * A header whose CRC does not match, or (in the container last written) data whose chunk CRCs do
 * not, is a torn tail: the container is cut there at start-up.
 */
record ContainerRecord(long seq, long blockId, long generation, int length, int state) {
    static final int MAGIC = 0x4A424C4B; // "JBLK"
    static final int LIVE = 0x4C495645; // "LIVE"
    static final int DEAD = 0x44454144; // "DEAD"
    static final int VOID = 0x564F4944; // "VOID"
    static final int HEADER_BYTES = 40;
    static final int STATE_OFFSET = 4;

    static int chunks(int length) {
        return (length + Protocol.CHUNK_SIZE - 1) / Protocol.CHUNK_SIZE;
    }

    /** Bytes the record takes in its container. */
    static int size(int length) {
        return HEADER_BYTES + 4 * chunks(length) + length;
    }

    /** Where the data of the record starting at {@code recordOffset} begins. */
    static long dataOffset(long recordOffset, int length) {
        return recordOffset + HEADER_BYTES + 4L * chunks(length);
    }

    /** The whole record, ready to append. */
    static ByteBuffer encode(long seq, long blockId, long generation, byte[] data, int length, int[] crcs) {
        ByteBuffer b = ByteBuffer.allocate(size(length));
        b.putInt(MAGIC).putInt(LIVE).putLong(seq).putLong(blockId).putLong(generation).putInt(length);
        b.putInt(headerCrc(b));
        for (int crc : crcs) {
            b.putInt(crc);
        }
        b.put(data, 0, length);
        return b.flip();
    }

    private static int headerCrc(ByteBuffer header) {
        CRC32C crc = new CRC32C();
        crc.update(header.array(), header.arrayOffset(), 4);
        crc.update(header.array(), header.arrayOffset() + 8, 28);
        return (int) crc.getValue();
    }

    /**
     * Reads a header (40 bytes at position 0 of {@code h}); null when it is no valid header (zeros
     * past the end of the container, or a torn or foreign write).
     */
    static ContainerRecord decode(ByteBuffer h, int maxLength) {
        if (h.getInt(0) != MAGIC || h.getInt(36) != headerCrc(h)) {
            return null;
        }
        int length = h.getInt(32);
        if (length < 0 || length > maxLength) {
            return null;
        }
        return new ContainerRecord(h.getLong(8), h.getLong(16), h.getLong(24), length, h.getInt(STATE_OFFSET));
    }

    boolean live() {
        return state == LIVE;
    }

    /** Deleted (not merely an unused copy): every twin of it is dead too. */
    boolean deleted() {
        return state == DEAD;
    }
}
