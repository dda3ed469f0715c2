package io.jdfs.rpc.tls;

import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.Protocol;
import io.jdfs.rpc.MessageFrame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * First handler of a server that requires TLS: a TLS record makes it give way to the TLS handler; a
 * plain JDFS peer is told, in plain text, that this server requires TLS; anything else is closed.
 */
public final class TlsGate extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(TlsGate.class);
    private static final int TLS_RECORD_HEADER = 5;

    private final Tls tls;

    public TlsGate(Tls tls) {
        this.tls = tls;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < TLS_RECORD_HEADER) {
            return;
        }
        if (SslHandler.isEncrypted(in)) {
            ctx.pipeline().replace(this, "tls", tls.serverHandler(ctx.alloc()));
            return; // the buffered bytes go on to the TLS handler
        }
        boolean jdfs = true;
        for (int i = 0; i < 4; i++) {
            jdfs &= in.getByte(in.readerIndex() + i) == Protocol.PREAMBLE[i];
        }
        in.skipBytes(in.readableBytes());
        LOG.info("refused a plain-text connection from {}: this server requires TLS", ctx.channel().remoteAddress());
        if (jdfs) {
            // the whole pipeline's encoder turns the reply into a frame
            ctx.channel().writeAndFlush(new MessageFrame(0, new Reply.ErrorReply(ErrorCode.AUTHENTICATION,
                    "this server requires TLS: give the client the cluster's trust store (--tls-keystore,"
                            + " JDFS_TLS_KEYSTORE)"))).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
