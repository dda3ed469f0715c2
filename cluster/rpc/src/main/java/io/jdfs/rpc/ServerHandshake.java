package io.jdfs.rpc;

import io.jdfs.protocol.Caller;

import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.Handshake;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.Protocol;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Server side of the handshake: greets with a nonce, checks the peer's magic, version, cluster id and
 * token, then removes itself and fires {@link Established} so the application handler can start.
 * Any other frame first, or silence past the timeout, closes the connection with an error.
 */
public final class ServerHandshake extends ChannelInboundHandlerAdapter {
    /** User event fired once a peer is accepted. */
    public record Established(String role, String peerClusterId, Caller caller, String loginToken) {
    }

    private final String role;
    private final ClusterIdentity identity;
    private final String nonce = ClusterIdentity.newNonce();
    private ScheduledFuture<?> timeout;

    public ServerHandshake(String role, ClusterIdentity identity) {
        this.role = role;
        this.identity = identity;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        timeout = ctx.executor().schedule(() -> {
            ctx.close(); // silent peer: nothing sensible to say to it
        }, Protocol.HANDSHAKE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    /** Greets once the peer's preamble showed it is a JDFS peer (see {@link PreambleCheck}). */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof PreambleCheck.Received) {
            ctx.writeAndFlush(new MessageFrame(0, new Handshake.ServerHello(Protocol.MAGIC, Protocol.VERSION,
                    identity.clusterId(), role, nonce, identity.hasSecret())));
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!(msg instanceof MessageFrame f) || !(f.message() instanceof Handshake.ClientHello hello)) {
                reject(ctx, ErrorCode.PROTOCOL, "expected a handshake (ClientHello) first");
                return;
            }
            if (hello.magic() != Protocol.MAGIC) {
                reject(ctx, ErrorCode.PROTOCOL, "bad magic number: not a JDFS peer");
                return;
            }
            if (hello.version() != Protocol.VERSION) {
                reject(ctx, ErrorCode.PROTOCOL, "protocol version " + hello.version()
                        + " is not supported (this server speaks " + Protocol.VERSION + ")");
                return;
            }
            String ours = identity.clusterId();
            String theirs = hello.clusterId() == null ? "" : hello.clusterId();
            if (!ours.isEmpty() && !theirs.isEmpty() && !ours.equals(theirs)) {
                reject(ctx, ErrorCode.AUTHENTICATION, "cluster id mismatch: this server belongs to cluster "
                        + ours + ", the peer to cluster " + theirs);
                return;
            }
            if (!identity.verify(nonce, hello.token())) {
                reject(ctx, ErrorCode.AUTHENTICATION, "authentication failed: wrong or missing cluster secret");
                return;
            }
            if (timeout != null) {
                timeout.cancel(false);
            }
            ctx.writeAndFlush(new MessageFrame(0, new Handshake.HelloOk(ours)));
            ctx.pipeline().remove(this);
            ctx.fireUserEventTriggered(new Established(hello.role(), theirs, hello.caller(), hello.loginToken()));
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (timeout != null) {
            timeout.cancel(false);
        }
        super.channelInactive(ctx);
    }

    private static void reject(ChannelHandlerContext ctx, ErrorCode code, String message) {
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(new MessageFrame(0, new Reply.ErrorReply(code, message)))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }
}
