package io.jdfs.rpc;

import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.Errors;
import io.jdfs.protocol.Handshake;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.Message;
import io.jdfs.protocol.ProtocolException;
import io.jdfs.protocol.UnavailableException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A multiplexed control connection: many calls in flight on one socket, matched by request id.
 * Reconnects on the next call after the connection was lost; calls in flight then fail as
 * {@link UnavailableException}.
 */
public final class RpcClient implements AutoCloseable {
    private final String host;
    private final int port;
    private final String role;
    private final ClusterIdentity identity;
    private final long timeoutMillis;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    private CompletableFuture<Channel> channel;
    private volatile boolean closed;
    private volatile String serverClusterId = "";

    public RpcClient(String host, int port, String role, ClusterIdentity identity, long timeoutMillis) {
        this.host = host;
        this.port = port;
        this.role = role;
        this.identity = identity;
        this.timeoutMillis = timeoutMillis;
    }

    public String address() {
        return host + ":" + port;
    }

    private synchronized CompletableFuture<Channel> channel() {
        if (closed) {
            return CompletableFuture.failedFuture(new UnavailableException("client closed"));
        }
        if (channel == null || (channel.isDone() && (channel.isCompletedExceptionally() || !channel.join().isActive()))) {
            channel = Connector.connect(host, port, role, identity, new ResponseHandler());
        }
        return channel;
    }

    /**
     * Sends a request; the future fails with the typed {@link DfsException} of an error reply. On a
     * connection already open, the request is sent and its timeout kept by the connection's I/O thread
     * (one task for that thread; a JDK timer would wake its own thread for nearly every call).
     */
    public CompletableFuture<Message> call(Message request) {
        long id = ids.incrementAndGet();
        CompletableFuture<Message> reply = new CompletableFuture<>();
        reply.whenComplete((r, e) -> pending.remove(id));
        CompletableFuture<Channel> connection = channel();
        boolean open = connection.isDone() && !connection.isCompletedExceptionally();
        connection.whenComplete((ch, err) -> {
            if (err != null) {
                // a failed handshake says why (wrong secret, not a JDFS port): not "connection lost"
                reply.completeExceptionally(Errors.unwrap(err));
                return;
            }
            if (!open) {
                send(ch, id, request, reply, false);
            } else if (ch.eventLoop().inEventLoop()) {
                send(ch, id, request, reply, true);
            } else {
                try {
                    ch.eventLoop().execute(() -> send(ch, id, request, reply, true));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    reply.completeExceptionally(new UnavailableException("connection to " + address() + " lost"));
                }
            }
        });
        return open ? reply : reply.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** @param timeOnLoop the reply's timeout is kept by the channel's I/O thread (this is that thread) */
    private void send(Channel ch, long id, Message request, CompletableFuture<Message> reply, boolean timeOnLoop) {
        pending.put(id, reply); // only calls sent on this channel fail when it closes
        if (!ch.isActive()) {
            reply.completeExceptionally(new UnavailableException("connection to " + address() + " lost"));
            return;
        }
        if (timeOnLoop) {
            ScheduledFuture<?> timeout = ch.eventLoop().schedule(
                    () -> reply.completeExceptionally(new TimeoutException()), timeoutMillis, TimeUnit.MILLISECONDS);
            reply.whenComplete((r, e) -> timeout.cancel(false));
        }
        ch.writeAndFlush(new MessageFrame(id, request)).addListener(f -> {
            if (!f.isSuccess()) {
                reply.completeExceptionally(new UnavailableException("cannot send to " + address() + ": " + f.cause()));
            }
        });
    }

    /** Calls and waits; errors arrive as the typed exception. */
    public <T extends Message> T callSync(Message request, Class<T> replyType) throws IOException {
        Message reply;
        try {
            reply = call(request).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for " + address());
        } catch (ExecutionException e) {
            Throwable c = Errors.unwrap(e);
            if (c instanceof TimeoutException) {
                throw new UnavailableException(address() + " did not answer within " + timeoutMillis + " ms");
            }
            throw Errors.asIOException(c);
        }
        if (!replyType.isInstance(reply)) {
            throw new ProtocolException(address() + " answered " + reply.getClass().getSimpleName()
                    + " where " + replyType.getSimpleName() + " was expected");
        }
        return replyType.cast(reply);
    }

    public String serverClusterId() {
        return serverClusterId;
    }

    @Override
    public void close() {
        closed = true;
        CompletableFuture<Channel> ch;
        synchronized (this) {
            ch = channel;
        }
        if (ch != null && ch.isDone() && !ch.isCompletedExceptionally()) {
            ch.join().close();
        }
        failAll(new UnavailableException("client closed"));
    }

    private void failAll(Throwable t) {
        for (CompletableFuture<Message> f : pending.values()) {
            f.completeExceptionally(t);
        }
    }

    private final class ResponseHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof MessageFrame f) {
                    if (f.requestId() == 0 && f.message() instanceof Handshake.HelloOk ok) {
                        serverClusterId = ok.clusterId();
                        return;
                    }
                    CompletableFuture<Message> reply = pending.remove(f.requestId());
                    if (f.requestId() == 0 && f.message() instanceof Reply.ErrorReply err) {
                        failAll(DfsException.of(err.code(), address() + ": " + err.message()));
                        ctx.close();
                    } else if (reply != null) {
                        if (f.message() instanceof Reply.ErrorReply err) {
                            reply.completeExceptionally(DfsException.of(err.code(), err.message()));
                        } else {
                            reply.complete(f.message());
                        }
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            failAll(new UnavailableException("connection to " + address() + " lost"));
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failAll(new UnavailableException("connection to " + address() + " failed: " + cause.getMessage(), cause));
            ctx.close();
        }
    }
}
