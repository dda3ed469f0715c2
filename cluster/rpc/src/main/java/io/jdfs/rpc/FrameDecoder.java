package io.jdfs.rpc;

import io.jdfs.protocol.Json;
import io.jdfs.protocol.Message;
import io.jdfs.protocol.Protocol;
import io.jdfs.protocol.ProtocolException;
import com.fasterxml.jackson.core.JacksonException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

import java.io.IOException;

/**
 * Splits the stream into frames ({@code int length, byte type, long requestId, payload}) with an
 * enforced maximum, and decodes each into a {@link MessageFrame}, {@link DataPacket} or {@link Ack}.
 * Anything malformed raises a {@link ProtocolException}; {@link ProtocolErrorHandler} answers and closes.
 */
public final class FrameDecoder extends LengthFieldBasedFrameDecoder {
    private static final int TYPE_AND_ID = 1 + 8;

    public FrameDecoder() {
        this(Protocol.MAX_FRAME_BYTES);
    }

    /** @param maxFrameBytes a longer frame is refused before it is buffered */
    public FrameDecoder(int maxFrameBytes) {
        super(maxFrameBytes, 0, 4, 0, 4, true);
    }

    /**
     * A decoder that keeps the socket's read buffers as they are and hands out slices of them,
     * instead of copying every read into one growing buffer (the default): a data packet is 512 KiB
     * and arrives in many reads, so merging copied each byte once or twice more and kept allocating
     * fresh pool chunks while earlier packets still held the old ones. For the side that receives
     * bulk data (a client reading blocks).
     */
    public static FrameDecoder withoutCopies() {
        FrameDecoder d = new FrameDecoder();
        d.setCumulator(COMPOSITE_CUMULATOR);
        return d;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (in.readableBytes() >= 4) {
            int len = in.getInt(in.readerIndex());
            if (len < TYPE_AND_ID) {
                throw new ProtocolException("frame length " + len + " is too small");
            }
        }
        ByteBuf frame = (ByteBuf) super.decode(ctx, in);
        if (frame == null) {
            return null;
        }
        try {
            FrameType type = FrameType.of(frame.readByte());
            long requestId = frame.readLong();
            return switch (type) {
                case MESSAGE -> new MessageFrame(requestId, readMessage(frame));
                case DATA -> readPacket(requestId, frame);
                case ACK -> readAck(requestId, frame);
            };
        } finally {
            frame.release();
        }
    }

    private static Message readMessage(ByteBuf frame) throws ProtocolException {
        try (ByteBufInputStream in = new ByteBufInputStream(frame)) {
            return Json.MAPPER.readValue((java.io.InputStream) in, Message.class);
        } catch (JacksonException e) {
            throw new ProtocolException("malformed message: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ProtocolException("unreadable message: " + e.getMessage());
        }
    }

    private static DataPacket readPacket(long requestId, ByteBuf frame) throws ProtocolException {
        if (frame.readableBytes() < DataPacket.HEADER_BYTES) {
            throw new ProtocolException("truncated data packet header");
        }
        long seqno = frame.readLong();
        long offset = frame.readLong();
        boolean last = frame.readByte() != 0;
        int count = frame.readInt();
        if (count < 0 || count > Protocol.PACKET_CHUNKS || frame.readableBytes() < 4L * count) {
            throw new ProtocolException("data packet claims " + count + " checksums");
        }
        int[] crcs = new int[count];
        for (int i = 0; i < count; i++) {
            crcs[i] = frame.readInt();
        }
        int len = frame.readableBytes();
        if (len > Protocol.PACKET_SIZE) {
            throw new ProtocolException("data packet of " + len + " bytes exceeds " + Protocol.PACKET_SIZE);
        }
        if (Checksums.chunks(len) != count) {
            throw new ProtocolException("data packet of " + len + " bytes carries " + count + " checksums");
        }
        if (offset < 0 || (len > 0 && offset % Protocol.CHUNK_SIZE != 0)) {
            throw new ProtocolException("packet offset " + offset + " is not on a chunk boundary");
        }
        return new DataPacket(requestId, seqno, offset, last, crcs, frame.retainedSlice());
    }

    private static Ack readAck(long requestId, ByteBuf frame) throws ProtocolException {
        if (frame.readableBytes() != 8 + 1 + 4) {
            throw new ProtocolException("malformed ack");
        }
        long seqno = frame.readLong();
        int status = frame.readByte();
        Ack.Status[] all = Ack.Status.values();
        if (status < 0 || status >= all.length) {
            throw new ProtocolException("unknown ack status " + status);
        }
        return new Ack(requestId, seqno, all[status], frame.readInt());
    }
}
