package io.jdfs.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;

/**
 * One packet of block data: up to {@link Protocol#CHUNK_SIZE} bytes at {@code offset} in the block,
 * with their CRC32C. The last packet of a write carries {@code last} (and may be empty).
 * Owns a reference to {@code data}: whoever consumes the packet releases it.
 */
public final class DataPacket extends AbstractReferenceCounted {
    public static final int HEADER_BYTES = 8 + 8 + 1 + 4;

    private final long requestId;
    private final long seqno;
    private final long offset;
    private final boolean last;
    private final int crc;
    private final ByteBuf data;

    public DataPacket(long requestId, long seqno, long offset, boolean last, int crc, ByteBuf data) {
        this.requestId = requestId;
        this.seqno = seqno;
        this.offset = offset;
        this.last = last;
        this.crc = crc;
        this.data = data;
    }

    public long requestId() {
        return requestId;
    }

    public long seqno() {
        return seqno;
    }

    public long offset() {
        return offset;
    }

    public boolean last() {
        return last;
    }

    public int crc() {
        return crc;
    }

    public ByteBuf data() {
        return data;
    }

    public int length() {
        return data.readableBytes();
    }

    /** The same packet under another request id (for forwarding down a pipeline), sharing the bytes. */
    public DataPacket forward(long newRequestId) {
        return new DataPacket(newRequestId, seqno, offset, last, crc, data.retainedDuplicate());
    }

    @Override
    protected void deallocate() {
        data.release();
    }

    @Override
    public ReferenceCounted touch(Object hint) {
        data.touch(hint);
        return this;
    }
}
