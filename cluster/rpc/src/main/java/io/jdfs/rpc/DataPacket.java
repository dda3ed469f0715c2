package io.jdfs.rpc;

import io.jdfs.protocol.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;

/**
 * One packet of block data: up to {@link Protocol#PACKET_SIZE} bytes at {@code offset} (a chunk
 * boundary) in the block, with one CRC32C per 64 KiB chunk. The last packet of a write carries
 * {@code last} (and may be empty).
 * Owns a reference to {@code data}: whoever consumes the packet releases it.
 */
public final class DataPacket extends AbstractReferenceCounted {
    /** Fixed part of the header; the checksums (4 bytes each) follow. */
    public static final int HEADER_BYTES = 8 + 8 + 1 + 4;

    private final long requestId;
    private final long seqno;
    private final long offset;
    private final boolean last;
    private final int[] crcs;
    private final ByteBuf data;

    public DataPacket(long requestId, long seqno, long offset, boolean last, int[] crcs, ByteBuf data) {
        this.requestId = requestId;
        this.seqno = seqno;
        this.offset = offset;
        this.last = last;
        this.crcs = crcs;
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

    public int[] crcs() {
        return crcs;
    }

    public ByteBuf data() {
        return data;
    }

    public int length() {
        return data.readableBytes();
    }

    /** The same packet under another request id (for forwarding down a pipeline), sharing the bytes. */
    public DataPacket forward(long newRequestId) {
        return new DataPacket(newRequestId, seqno, offset, last, crcs, data.retainedDuplicate());
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
