package io.jdfs.rpc;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Keeps one peer from holding the server's memory or a connection for nothing: while the connection's
 * outbound buffer is full (not writable) it stops reading the peer's requests, and closes the connection
 * if the buffer stays full past {@link ServerLimits#unwritableMillis()}; it closes a connection an
 * {@code IdleStateHandler} before it reports idle.
 */
final class ConnectionGuard extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    private final ServerLimits limits;
    private ScheduledFuture<?> unwritableTimer;

    ConnectionGuard(ServerLimits limits) {
        this.limits = limits;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (!ctx.channel().isWritable()) {
            ReadGate.of(ctx.channel()).unwritable(ctx.channel(), true); // no more requests, so no more replies
            if (unwritableTimer == null) {
                unwritableTimer = ctx.executor().schedule(() -> {
                    if (!ctx.channel().isWritable()) {
                        LOG.info("closing {}: it read nothing of what it was sent for {} ms ({} bytes waiting)",
                                ctx.channel().remoteAddress(), limits.unwritableMillis(), pending(ctx));
                        ctx.close();
                    }
                }, limits.unwritableMillis(), TimeUnit.MILLISECONDS);
            }
        } else {
            cancelTimer();
            ReadGate.of(ctx.channel()).unwritable(ctx.channel(), false);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            LOG.debug("closing {}: nothing sent or received for {} ms", ctx.channel().remoteAddress(), limits.idleMillis());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelTimer();
        super.channelInactive(ctx);
    }

    private void cancelTimer() {
        if (unwritableTimer != null) {
            unwritableTimer.cancel(false);
            unwritableTimer = null;
        }
    }

    private static long pending(ChannelHandlerContext ctx) {
        var buffer = ctx.channel().unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }
}
