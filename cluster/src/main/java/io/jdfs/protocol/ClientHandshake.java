package io.jdfs.protocol;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;

/** Client side of the handshake: answers the server's greeting and completes a promise when accepted. */
public final class ClientHandshake extends ChannelInboundHandlerAdapter {
    private final String role;
    private final ClusterIdentity identity;
    private final Promise<String> accepted;
    private final String peer;

    public ClientHandshake(String role, ClusterIdentity identity, Promise<String> accepted, String peer) {
        this.role = role;
        this.identity = identity;
        this.accepted = accepted;
        this.peer = peer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!(msg instanceof MessageFrame f)) {
                fail(ctx, new ProtocolException(peer + " sent data before the handshake"));
                return;
            }
            Message m = f.message();
            if (m instanceof Message.ServerHello hello) {
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
                ctx.writeAndFlush(new MessageFrame(0, new Message.ClientHello(Protocol.MAGIC, Protocol.VERSION,
                        ours, role, identity.token(hello.nonce()))));
            } else if (m instanceof Message.HelloOk ok) {
                ctx.pipeline().remove(this);
                accepted.trySuccess(ok.clusterId());
            } else if (m instanceof Message.ErrorReply err) {
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
        accepted.tryFailure(new UnavailableException(peer + " closed the connection during the handshake"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause);
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        accepted.tryFailure(cause);
        ctx.close();
    }
}
