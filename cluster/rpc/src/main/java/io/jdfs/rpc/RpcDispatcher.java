package io.jdfs.rpc;

import io.jdfs.protocol.Errors;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.Message;
import io.jdfs.protocol.ProtocolException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.CompletableFuture;

/** Server-side handler that answers each control request under its request id; many may be in flight. */
public final class RpcDispatcher extends ChannelInboundHandlerAdapter {
    private final RequestHandler handler;
    private final int maxInFlight;
    private int inFlight; // on the channel's executor only
    private volatile RequestHandler.PeerInfo peer = new RequestHandler.PeerInfo("?", "?");

    public RpcDispatcher(RequestHandler handler) {
        this(handler, ServerLimits.DEFAULT_MAX_IN_FLIGHT);
    }

    /** @param maxInFlight requests served at once on one connection; past it, its requests wait unread */
    public RpcDispatcher(RequestHandler handler, int maxInFlight) {
        this.handler = handler;
        this.maxInFlight = maxInFlight;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ServerHandshake.Established e) {
            peer = new RequestHandler.PeerInfo(e.role(), String.valueOf(ctx.channel().remoteAddress()), e.caller(),
                    e.loginToken());
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        handler.readComplete();
        super.channelReadComplete(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MessageFrame f)) {
            ReferenceCountUtil.release(msg);
            ctx.fireExceptionCaught(new ProtocolException("unexpected " + msg.getClass().getSimpleName() + " on an RPC connection"));
            return;
        }
        if (++inFlight >= maxInFlight) {
            ReadGate.of(ctx.channel()).busy(ctx.channel(), true);
        }
        CompletableFuture<Message> reply;
        try {
            reply = handler.handle(f.message(), peer);
        } catch (Throwable t) {
            reply = CompletableFuture.failedFuture(t);
        }
        reply.whenComplete((r, err) -> {
            if (r instanceof Reply.LoginReply login) {
                peer = peer.withLoginToken(login.token()); // this connection acts as the user from now on
            }
            Message out = err != null ? Errors.toReply(err) : r;
            ctx.writeAndFlush(new MessageFrame(f.requestId(), out));
            ctx.executor().execute(() -> {
                if (--inFlight < maxInFlight) {
                    ReadGate.of(ctx.channel()).busy(ctx.channel(), false);
                }
            });
        });
    }
}
