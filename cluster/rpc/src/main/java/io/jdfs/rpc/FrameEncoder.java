package io.jdfs.rpc;

import io.jdfs.protocol.Json;
import io.jdfs.protocol.Message;
import io.jdfs.protocol.Protocol;
import io.jdfs.protocol.ProtocolException;
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
                ctx.write(header(ctx, p.requestId(), p.seqno(), p.offset(), p.last(), p.crcs(), p.length()),
                        ctx.voidPromise());
                ctx.write(p.data().retain(), promise);
            } finally {
                p.release();
            }
        } else if (msg instanceof FileDataPacket p) {
            ctx.write(header(ctx, p.requestId(), p.seqno(), p.offset(), p.last(), p.crcs(), p.length()),
                    ctx.voidPromise());
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

    private static ByteBuf header(ChannelHandlerContext ctx, long requestId, long seqno, long offset, boolean last,
                                  int[] crcs, int length) {
        int headerBytes = DataPacket.HEADER_BYTES + 4 * crcs.length;
        ByteBuf h = ctx.alloc().ioBuffer(4 + 1 + 8 + headerBytes);
        h.writeInt(1 + 8 + headerBytes + length);
        h.writeByte(FrameType.DATA.code).writeLong(requestId);
        h.writeLong(seqno).writeLong(offset).writeByte(last ? 1 : 0).writeInt(crcs.length);
        for (int c : crcs) {
            h.writeInt(c);
        }
        return h;
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
