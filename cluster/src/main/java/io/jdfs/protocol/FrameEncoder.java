package io.jdfs.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

import java.io.IOException;

/** Writes {@link MessageFrame}, {@link DataPacket}, {@link FileDataPacket} and {@link Ack} as frames. */
@ChannelHandler.Sharable
public final class FrameEncoder extends ChannelOutboundHandlerAdapter {
    public static final FrameEncoder INSTANCE = new FrameEncoder();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof MessageFrame f) {
            ctx.write(encodeMessage(ctx, f), promise);
        } else if (msg instanceof DataPacket p) {
            try {
                ByteBuf header = ctx.alloc().ioBuffer(4 + 1 + 8 + DataPacket.HEADER_BYTES);
                header.writeInt(1 + 8 + DataPacket.HEADER_BYTES + p.length());
                header.writeByte(FrameType.DATA.code).writeLong(p.requestId());
                header.writeLong(p.seqno()).writeLong(p.offset()).writeByte(p.last() ? 1 : 0).writeInt(p.crc());
                ctx.write(header, ctx.voidPromise());
                ctx.write(p.data().retain(), promise);
            } finally {
                p.release();
            }
        } else if (msg instanceof FileDataPacket p) {
            ByteBuf header = ctx.alloc().ioBuffer(4 + 1 + 8 + DataPacket.HEADER_BYTES);
            header.writeInt(1 + 8 + DataPacket.HEADER_BYTES + p.length());
            header.writeByte(FrameType.DATA.code).writeLong(p.requestId());
            header.writeLong(p.seqno()).writeLong(p.offset()).writeByte(p.last() ? 1 : 0).writeInt(p.crc());
            ctx.write(header, ctx.voidPromise());
            ctx.write(p.region(), promise);
        } else if (msg instanceof Ack a) {
            ByteBuf buf = ctx.alloc().ioBuffer(4 + 1 + 8 + 13);
            buf.writeInt(1 + 8 + 13).writeByte(FrameType.ACK.code).writeLong(a.requestId());
            buf.writeLong(a.seqno()).writeByte(a.status().ordinal()).writeInt(a.failedIndex());
            ctx.write(buf, promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    private static ByteBuf encodeMessage(ChannelHandlerContext ctx, MessageFrame f) throws IOException {
        ByteBuf buf = ctx.alloc().ioBuffer(256);
        boolean ok = false;
        try {
            buf.writeInt(0).writeByte(FrameType.MESSAGE.code).writeLong(f.requestId());
            try (ByteBufOutputStream out = new ByteBufOutputStream(buf)) {
                Json.MAPPER.writerFor(Message.class).writeValue((java.io.OutputStream) out, f.message());
            }
            int len = buf.readableBytes() - 4;
            if (len > Protocol.MAX_FRAME_BYTES) {
                throw new ProtocolException("message of " + len + " bytes exceeds the frame limit");
            }
            buf.setInt(0, len);
            ok = true;
            return buf;
        } finally {
            if (!ok) {
                buf.release();
            }
        }
    }
}
