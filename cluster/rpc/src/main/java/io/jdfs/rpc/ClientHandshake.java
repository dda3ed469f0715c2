package io.jdfs.rpc;

import io.jdfs.protocol.AuthenticationException;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.Handshake;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.Message;
import io.jdfs.protocol.Protocol;
import io.jdfs.protocol.ProtocolException;
import io.jdfs.protocol.UnavailableException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Client side of the handshake: sends the preamble, answers the server's greeting and completes a
 * promise when accepted. A peer that says nothing within {@link Protocol#FIRST_ANSWER_TIMEOUT_MILLIS},
 * answers HTTP or sends bytes that are not JDFS frames fails the connection with one plain sentence.
 */
public final class ClientHandshake extends ChannelInboundHandlerAdapter {
    private final String role;
    private final ClusterIdentity identity;
    private final Promise<String> accepted;
    private final String peer;
    private ScheduledFuture<?> timeout;

    public ClientHandshake(String role, ClusterIdentity identity, Promise<String> accepted, String peer) {
        this.role = role;
        this.identity = identity;
        this.accepted = accepted;
        this.peer = peer;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(Protocol.PREAMBLE));
        timeout = ctx.executor().schedule(() -> fail(ctx, new UnavailableException(peer + " did not answer within "
                        + Protocol.FIRST_ANSWER_TIMEOUT_MILLIS / 1000 + " s: it is not a JDFS server, or it is stuck"
                        + " (the name server's RPC port is " + Protocol.DEFAULT_NAME_SERVER_PORT + " by default)")),
                Protocol.FIRST_ANSWER_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof PeerSniffer.Spoke) {
            // it answered: allow the rest of the handshake (authentication) a longer time
            cancelTimeout();
            timeout = ctx.executor().schedule(() -> fail(ctx, new UnavailableException(peer
                            + " did not finish the handshake within " + Protocol.CLIENT_HANDSHAKE_TIMEOUT_MILLIS / 1000 + " s")),
                    Protocol.CLIENT_HANDSHAKE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!(msg instanceof MessageFrame f)) {
                fail(ctx, new ProtocolException(peer + " sent data before the handshake"));
                return;
            }
            Message m = f.message();
            if (m instanceof Handshake.ServerHello hello) {
                if (hello.magic() != Protocol.MAGIC || hello.version() != Protocol.VERSION) {
                    fail(ctx, new ProtocolException(peer + " is not a JDFS server of protocol version " + Protocol.VERSION));
                    return;
                }
                String ours = identity.clusterId();
                if (!ours.isEmpty() && !hello.clusterId().isEmpty() && !ours.equals(hello.clusterId())) {
                    fail(ctx, new AuthenticationException("cluster id mismatch: " + peer + " runs cluster "
                            + hello.clusterId() + ", but this " + role + " belongs to cluster " + ours));
                    return;
                }
                ctx.writeAndFlush(new MessageFrame(0, new Handshake.ClientHello(Protocol.MAGIC, Protocol.VERSION,
                        ours, role, identity.token(hello.nonce()), identity.caller(), identity.loginToken())));
            } else if (m instanceof Handshake.HelloOk ok) {
                cancelTimeout();
                ctx.pipeline().remove(this);
                accepted.trySuccess(ok.clusterId());
            } else if (m instanceof Reply.ErrorReply err) {
                fail(ctx, DfsException.of(err.code(), peer + ": " + err.message()));
            } else {
                fail(ctx, new ProtocolException(peer + " sent " + m.getClass().getSimpleName() + " during the handshake"));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelTimeout();
        accepted.tryFailure(new UnavailableException(peer + " closed the connection during the handshake"
                + (identity.tls() != null ? " (does it speak TLS?)" : "")));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof javax.net.ssl.SSLException) {
            fail(ctx, new AuthenticationException(peer + ": TLS handshake failed (" + c.getMessage() + "): is the"
                    + " cluster CA in this side's trust store, does the server's certificate name " + peer
                    + ", and does the server speak TLS?"));
        } else if (c instanceof ProtocolException p && p.getMessage().startsWith(peer)) {
            fail(ctx, p); // already a sentence about this peer (see PeerSniffer)
        } else if (c instanceof ProtocolException) {
            fail(ctx, new ProtocolException(peer + " does not speak the JDFS protocol (" + c.getMessage()
                    + "): is it a JDFS server? The name server's RPC port is " + Protocol.DEFAULT_NAME_SERVER_PORT
                    + " by default"));
        } else {
            fail(ctx, c);
        }
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        cancelTimeout();
        accepted.tryFailure(cause);
        ctx.close();
    }
}
