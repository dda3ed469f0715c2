package io.jdfs.rpc;

import io.jdfs.protocol.Protocol;
import io.jdfs.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Client side, first in the pipeline: looks at the server's first bytes. An HTTP answer (we sent the
 * preamble to a web port) fails the connection with a message naming the mistake; anything else passes
 * on to the frame decoder, and {@link Spoke} tells the handshake the server is alive.
 */
public final class PeerSniffer extends ByteToMessageDecoder {
    private static final byte[] HTTP = "HTTP/".getBytes(StandardCharsets.US_ASCII);
    private final String peer;

    /** User event: the server sent its first bytes. */
    public record Spoke() {
    }

    public PeerSniffer(String peer) {
        this.peer = peer;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws ProtocolException {
        int n = Math.min(in.readableBytes(), HTTP.length);
        boolean http = true;
        for (int i = 0; i < n; i++) {
            if (in.getByte(in.readerIndex() + i) != HTTP[i]) {
                http = false;
                break;
            }
        }
        if (http && n < HTTP.length) {
            return; // could still be HTTP: wait for more
        }
        if (http) {
            in.skipBytes(in.readableBytes());
            throw new ProtocolException(peer + " answered HTTP: that is a web port; the name server's RPC port is "
                    + Protocol.DEFAULT_NAME_SERVER_PORT + " by default");
        }
        ctx.pipeline().remove(this);
        ctx.fireUserEventTriggered(new Spoke());
    }
}
