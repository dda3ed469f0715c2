package io.jdfs.rpc;

import io.jdfs.rpc.tls.TlsGate;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A Netty server speaking the JDFS framing and handshake; what happens after the handshake is up to
 * the application handler each connection gets from {@code handlerFactory}.
 */
public final class RpcServer implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private volatile boolean frozen;
    private final FreezeGate gate = new FreezeGate(() -> frozen);
    private final EventExecutorGroup appExecutor;
    private final java.util.Map<java.net.InetAddress, Integer> perAddress = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong refusedLogged = new java.util.concurrent.atomic.AtomicLong();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RpcServer.class);

    public RpcServer(String name, String bindHost, int port, String role, ClusterIdentity identity,
                     Supplier<ChannelHandler> handlerFactory) throws InterruptedException {
        this(name, bindHost, port, role, identity, handlerFactory, null);
    }

    /**
     * @param appExecutor where the application handler runs; null for the I/O thread. Handlers that
     *                    block (disk) get their own executors so they never stall other connections.
     *                    The server shuts it down on close, after the last connection's events.
     */
    public RpcServer(String name, String bindHost, int port, String role, ClusterIdentity identity,
                     Supplier<ChannelHandler> handlerFactory, EventExecutorGroup appExecutor) throws InterruptedException {
        this(name, bindHost, port, role, identity, handlerFactory, appExecutor, ServerLimits.defaults());
    }

    /** @param limits when a silent peer, or one that does not read, loses its connection */
    public RpcServer(String name, String bindHost, int port, String role, ClusterIdentity identity,
                     Supplier<ChannelHandler> handlerFactory, EventExecutorGroup appExecutor, ServerLimits limits)
            throws InterruptedException {
        this(name, bindHost, port, role, identity, handlerFactory, appExecutor, limits, null);
    }

    /**
     * @param ioHandlerFactory a handler run on the connection's I/O thread ahead of the application handler
     *                         (null: none): it serves what never blocks and passes the rest on
     */
    public RpcServer(String name, String bindHost, int port, String role, ClusterIdentity identity,
                     Supplier<ChannelHandler> handlerFactory, EventExecutorGroup appExecutor, ServerLimits limits,
                     Supplier<ChannelHandler> ioHandlerFactory)
            throws InterruptedException {
        this.appExecutor = appExecutor;
        boss = new NioEventLoopGroup(1, new DefaultThreadFactory(name + "-accept", true));
        workers = new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory(name + "-io", true));
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 512)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(512, 64 * 1024, 1024 * 1024))
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(limits.pauseAfterBytes() / 4, limits.pauseAfterBytes()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (!admit(ch, limits.maxConnectionsPerAddress())) {
                            return;
                        }
                        connections.add(ch);
                        ch.config().setAutoRead(!frozen);
                        ch.pipeline().addLast("freeze", gate);
                        if (identity.tls() != null) {
                            ch.pipeline().addLast("tls-gate", new TlsGate(identity.tls()));
                        }
                        if (limits.idleMillis() > 0) {
                            ch.pipeline().addLast("idle", new IdleStateHandler(false, 0, 0, limits.idleMillis(),
                                    TimeUnit.MILLISECONDS));
                        }
                        ch.pipeline()
                                .addLast("guard", new ConnectionGuard(limits))
                                .addLast("preamble", new PreambleCheck())
                                .addLast("frames", new FrameDecoder(limits.maxFrameBytes()))
                                // holds decoded requests while the guard has stopped reading (peer not reading)
                                .addLast("flow", new FlowControlHandler())
                                .addLast("encoder", FrameEncoder.INSTANCE)
                                .addLast("handshake", new ServerHandshake(role, identity));
                        if (ioHandlerFactory != null) {
                            ch.pipeline().addLast("io-app", ioHandlerFactory.get());
                        }
                        ch.pipeline()
                                .addLast(appExecutor, "app", handlerFactory.get())
                                .addLast(appExecutor, "errors", ProtocolErrorHandler.INSTANCE);
                    }
                });
        InetSocketAddress address = bindHost == null || bindHost.isEmpty() || bindHost.equals("0.0.0.0")
                ? new InetSocketAddress(port) : new InetSocketAddress(bindHost, port);
        try {
            channel = b.bind(address).sync().channel();
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /**
     * Freezes or thaws the server: frozen, it accepts nothing new (connections wait in the kernel's
     * backlog) and its connections neither read nor write, as a server cut off the network would.
     * For tests and benchmarks.
     */
    public void setFrozen(boolean frozen) {
        this.frozen = frozen;
        channel.config().setAutoRead(!frozen);
        for (Channel c : connections) {
            c.config().setAutoRead(!frozen);
        }
    }

    /** Counts the connection against its address; closes it when that address has too many open. */
    private boolean admit(SocketChannel ch, int max) {
        java.net.InetAddress a = ch.remoteAddress().getAddress();
        int n = perAddress.merge(a, 1, Integer::sum);
        if (n > max) {
            release(a);
            if (refusedLogged.getAndIncrement() % 1000 == 0) {
                LOG.info("refused a connection from {}: it has {} open already (limit {})", a, max, max);
            }
            ch.close();
            return false;
        }
        ch.closeFuture().addListener(f -> release(a));
        return true;
    }

    private void release(java.net.InetAddress a) {
        perAddress.computeIfPresent(a, (k, v) -> v <= 1 ? null : v - 1);
    }

    /** Connections open now (handshaking or established). */
    public int openConnections() {
        return connections.size();
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly();
        }
        // close connections while every executor still runs, so their last events are handled
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        // the close events bounce between the I/O threads and the application executor: let both
        // run dry (twice, for the round trip) before either stops taking work
        for (int round = 0; round < 2; round++) {
            drain(workers);
            drain(appExecutor);
        }
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (appExecutor != null) {
            appExecutor.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private static void drain(EventExecutorGroup group) {
        if (group == null) {
            return;
        }
        for (io.netty.util.concurrent.EventExecutor e : group) {
            e.submit(() -> { }).awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
    }
}
