package io.jdfs.protocol;

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
        super(Protocol.MAX_FRAME_BYTES, 0, 4, 0, 4, true);
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
        int crc = frame.readInt();
        if (frame.readableBytes() > Protocol.CHUNK_SIZE) {
            throw new ProtocolException("data packet of " + frame.readableBytes() + " bytes exceeds " + Protocol.CHUNK_SIZE);
        }
        if (offset < 0) {
            throw new ProtocolException("negative packet offset");
        }
        return new DataPacket(requestId, seqno, offset, last, crc, frame.retainedSlice());
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
