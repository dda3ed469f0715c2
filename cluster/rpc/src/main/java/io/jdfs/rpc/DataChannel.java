package io.jdfs.rpc;

import io.jdfs.protocol.UnavailableException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * A client connection to a data server, used by one transfer at a time: frames go to the current
 * {@link Listener}. Pooled by {@link DataConnections} between transfers.
 */
public final class DataChannel {
    /** Receives the frames of one transfer, on the channel's event loop; it releases what it gets. */
    public interface Listener {
        void onFrame(Object frame);

        void onClosed(Throwable cause);
    }

    private final String address;
    private Channel channel;
    private volatile Listener listener;
    /** When it went back to the pool (System.nanoTime). */
    volatile long releasedNanos;

    DataChannel(String address) {
        this.address = address;
    }

    void attach(Channel ch) {
        this.channel = ch;
    }

    public Channel channel() {
        return channel;
    }

    public String address() {
        return address;
    }

    public void listen(Listener l) {
        this.listener = l;
        // a connection that closed before its new listener was set must still be reported to it
        if (l != null && channel != null && !channel.isActive()) {
            l.onClosed(new UnavailableException("connection to data server " + address + " closed"));
        }
    }

    public boolean isActive() {
        return channel != null && channel.isActive();
    }

    ChannelInboundHandlerAdapter handler() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                Listener l = listener;
                if (l == null) {
                    ReferenceCountUtil.release(msg);
                } else {
                    l.onFrame(msg);
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                Listener l = listener;
                if (l != null) {
                    l.onClosed(new UnavailableException("connection to data server " + address + " closed"));
                }
            }

            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
                Listener l = listener;
                if (l instanceof Runnable r && ctx.channel().isWritable()) {
                    r.run();
                }
                super.channelWritabilityChanged(ctx);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
            }
        };
    }
}
