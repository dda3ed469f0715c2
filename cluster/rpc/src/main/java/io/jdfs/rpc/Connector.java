package io.jdfs.rpc;

import io.jdfs.protocol.UnavailableException;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.Promise;

import java.util.concurrent.CompletableFuture;

/** Opens client connections: connect, handshake, then hand the channel to an application handler. */
public final class Connector {
    public static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private Connector() {
    }

    /** A connect failure in a few words, without repeating the address Netty puts in its messages. */
    static String why(Throwable t) {
        if (t instanceof io.netty.channel.ConnectTimeoutException) {
            return "no answer within " + CONNECT_TIMEOUT_MILLIS / 1000 + " s";
        }
        if (t instanceof java.net.ConnectException) {
            return "connection refused (is the server running, on this port?)";
        }
        if (t instanceof java.net.UnknownHostException) {
            return "unknown host";
        }
        if (t instanceof java.net.NoRouteToHostException) {
            return "no route to host";
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    /**
     * Connects to {@code host:port} and completes once the server accepted the handshake. The handler
     * is installed before the handshake ends so no frame after it is missed.
     */
    public static CompletableFuture<Channel> connect(String host, int port, String role, ClusterIdentity identity,
                                                     ChannelHandler appHandler) {
        return connect(host, port, role, identity, appHandler, ByteBufAllocator.DEFAULT);
    }

    /** As {@link #connect(String, int, String, ClusterIdentity, ChannelHandler)}, the channel's buffers from {@code alloc}. */
    public static CompletableFuture<Channel> connect(String host, int port, String role, ClusterIdentity identity,
                                                     ChannelHandler appHandler, ByteBufAllocator alloc) {
        return connect(host, port, role, identity, appHandler, alloc, 1024 * 1024, null);
    }

    /**
     * As {@link #connect(String, int, String, ClusterIdentity, ChannelHandler, ByteBufAllocator)}, reading
     * at most {@code maxReadBytes} from the socket at once, the channel served by {@code loop} (null: the
     * shared client threads). A server that forwards what one of its connections receives to this one,
     * on the same thread, then writes to it without a hand-off.
     */
    public static CompletableFuture<Channel> connect(String host, int port, String role, ClusterIdentity identity,
                                                     ChannelHandler appHandler, ByteBufAllocator alloc,
                                                     int maxReadBytes, io.netty.channel.EventLoop loop) {
        String peer = host + ":" + port;
        CompletableFuture<Channel> result = new CompletableFuture<>();
        Bootstrap b = new Bootstrap()
                .group(loop != null ? loop : Transport.clientGroup())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOCATOR, alloc)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(512, Math.min(64 * 1024, maxReadBytes), maxReadBytes))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(512 * 1024, 2 * 1024 * 1024))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Promise<String> accepted = ch.eventLoop().newPromise();
                        accepted.addListener(f -> {
                            if (f.isSuccess()) {
                                result.complete(ch);
                            } else {
                                result.completeExceptionally(f.cause());
                                ch.close();
                            }
                        });
                        if (identity.tls() != null) {
                            ch.pipeline().addLast("tls", identity.tls().clientHandler(ch.alloc(), host, port));
                        }
                        ch.pipeline()
                                .addLast("sniffer", new PeerSniffer(peer))
                                .addLast("frames", FrameDecoder.withoutCopies())
                                .addLast("encoder", FrameEncoder.INSTANCE)
                                .addLast("handshake", new ClientHandshake(role, identity, accepted, peer))
                                .addLast("app", appHandler);
                    }
                });
        ChannelFuture cf = b.connect(host, port);
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(new UnavailableException("cannot connect to " + peer + ": "
                        + why(f.cause()), f.cause()));
            }
        });
        return result;
    }
}
