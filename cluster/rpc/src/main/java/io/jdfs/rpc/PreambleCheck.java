package io.jdfs.rpc;

import io.jdfs.protocol.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Server side, first in the pipeline: checks that the peer opens with {@link Protocol#PREAMBLE}.
 * A JDFS peer passes and {@link Received} is fired (the handshake then greets it). A browser or curl
 * gets a plain-text HTTP 400 saying what this port is; anything else is closed.
 */
public final class PreambleCheck extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(PreambleCheck.class);
    private static final byte[] NOT_HTTP = ("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Connection: close\r\n\r\nThis is a JDFS RPC port, not a web port: the web console and the JSON API"
            + " are on the name server's web port (8080 by default).\n").getBytes(StandardCharsets.UTF_8);

    /** User event: the peer sent the preamble. */
    public record Received() {
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int n = Math.min(in.readableBytes(), Protocol.PREAMBLE.length);
        for (int i = 0; i < n; i++) {
            if (in.getByte(in.readerIndex() + i) != Protocol.PREAMBLE[i]) {
                refuse(ctx, in);
                return;
            }
        }
        if (n < Protocol.PREAMBLE.length) {
            return; // wait for the rest
        }
        in.skipBytes(Protocol.PREAMBLE.length);
        ctx.pipeline().remove(this); // what follows goes on to the frame decoder
        ctx.fireUserEventTriggered(new Received());
    }

    private void refuse(ChannelHandlerContext ctx, ByteBuf in) {
        String start = in.toString(in.readerIndex(), Math.min(in.readableBytes(), 8), StandardCharsets.ISO_8859_1);
        in.skipBytes(in.readableBytes());
        if (start.matches("^[A-Z]{3,8} .*|^[A-Z]{3,8}$")) {
            LOG.debug("{} spoke HTTP to the RPC port", ctx.channel().remoteAddress());
            ctx.writeAndFlush(Unpooled.wrappedBuffer(NOT_HTTP)).addListener(ChannelFutureListener.CLOSE);
        } else {
            LOG.debug("{} does not speak the JDFS protocol; closing", ctx.channel().remoteAddress());
            ctx.close();
        }
    }
}
