package io.jdfs.rpc;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;

import java.util.function.BooleanSupplier;

/**
 * While its server is frozen, a connection neither reads nor writes anything: what a peer sees of a
 * server cut off the network (link down, nothing closed). For tests and benchmarks of the readers
 * and writers that must not wait on such a server.
 */
@ChannelHandler.Sharable
final class FreezeGate extends ChannelDuplexHandler {
    private final BooleanSupplier frozen;

    FreezeGate(BooleanSupplier frozen) {
        this.frozen = frozen;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (frozen.getAsBoolean()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (frozen.getAsBoolean()) {
            // lost on the way, as on a dead link; the sender is not told
            ReferenceCountUtil.release(msg);
            promise.trySuccess();
            return;
        }
        ctx.write(msg, promise);
    }
}
