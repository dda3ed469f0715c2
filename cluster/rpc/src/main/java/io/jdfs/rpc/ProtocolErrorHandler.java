package io.jdfs.rpc;

import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.ProtocolException;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Last handler of every server pipeline: a malformed or oversized frame gets an error reply and a closed
 * connection; messages nobody consumed are released so buffers never leak.
 */
@ChannelHandler.Sharable
public final class ProtocolErrorHandler extends ChannelInboundHandlerAdapter {
    public static final ProtocolErrorHandler INSTANCE = new ProtocolErrorHandler();
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolErrorHandler.class);

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        String message;
        if (c instanceof TooLongFrameException) {
            message = "frame exceeds the maximum size (" + c.getMessage() + ")";
        } else if (c instanceof ProtocolException) {
            message = c.getMessage();
        } else if (c instanceof IOException) {
            LOG.debug("connection {} failed: {}", ctx.channel().remoteAddress(), c.toString());
            ctx.close();
            return;
        } else {
            message = "internal error: " + c;
            LOG.warn("unexpected error on {}", ctx.channel().remoteAddress(), c);
        }
        LOG.debug("closing {}: {}", ctx.channel().remoteAddress(), message);
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(new MessageFrame(0, new Reply.ErrorReply(ErrorCode.PROTOCOL, message)))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }
}
