package io.jdfs.data.transfer;

import io.jdfs.data.store.Replica;
import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.Errors;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.TransferRequest;
import io.jdfs.rpc.MessageFrame;
import io.jdfs.protocol.ProtocolException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

import io.jdfs.protocol.BlockToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Set;
import java.util.Map;

/**
 * A data server connection after the handshake: block reads and prefix copies, several at once, each
 * under its own request id. Runs on an executor apart from the I/O threads, because it touches the
 * disk. Block writes are served before this handler, on the I/O thread ({@link WriteTransferHandler}).
 */
public final class DataTransferHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(DataTransferHandler.class);
    /** The writer of a block (who holds its WRITE token) may read it back. */
    private static final Set<BlockToken.Access> READ = EnumSet.of(BlockToken.Access.READ, BlockToken.Access.WRITE);
    static final Set<BlockToken.Access> WRITE_OR_COPY = EnumSet.of(BlockToken.Access.WRITE, BlockToken.Access.COPY);
    private final TransferContext context;
    private final Map<Long, BlockSender> senders = new HashMap<>();

    public DataTransferHandler(TransferContext context) {
        this.context = context;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof MessageFrame f)) {
            ReferenceCountUtil.release(msg);
            throw new ProtocolException("unexpected " + msg.getClass().getSimpleName() + " on a data connection");
        }
        long id = f.requestId();
        if (senders.containsKey(id)) {
            throw new ProtocolException("request id " + id + " is already in use on this connection");
        }
        try {
            if (f.message() instanceof TransferRequest.CopyPrefix cp) {
                if (refused(ctx, id, cp.token(), cp.block() == null ? 0 : cp.block().id(), WRITE_OR_COPY)) {
                    return;
                }
                Replica prefix = context.store().inProgress().prefix(cp.block().id(), cp.fromGeneration(),
                        cp.block().length());
                context.replicator().copyPrefix(prefix, cp).whenComplete((v, err) -> ctx.writeAndFlush(
                        new MessageFrame(id, err == null ? new Reply.WriteReady() : Errors.toReply(Errors.unwrap(err)))));
            } else if (f.message() instanceof TransferRequest.ReadBlock rb) {
                if (rb.offset() < 0) {
                    throw new IllegalArgumentException("negative read offset " + rb.offset());
                }
                if (refused(ctx, id, rb.token(), rb.blockId(), READ)) {
                    return;
                }
                Replica replica = context.store().get(rb.blockId());
                if (replica == null || replica.block().generation() != rb.generation()) {
                    ctx.writeAndFlush(new MessageFrame(id, new Reply.ErrorReply(ErrorCode.NOT_FOUND,
                            "no replica of block " + rb.blockId() + " (generation " + rb.generation() + ") here")));
                    return;
                }
                BlockSender s = new BlockSender(ctx, id, replica, rb.offset(), rb.length(), () -> senders.remove(id),
                        context.metrics());
                senders.put(id, s);
                s.start();
            } else {
                throw new ProtocolException("a data server does not serve " + f.message().getClass().getSimpleName());
            }
        } catch (ProtocolException e) {
            throw e;
        } catch (Exception e) {
            ctx.writeAndFlush(new MessageFrame(id, Errors.toReply(e)));
        }
    }

    private boolean refused(ChannelHandlerContext ctx, long id, BlockToken token, long blockId,
                            Set<BlockToken.Access> allowed) {
        return refused(ctx, context, id, token, blockId, allowed);
    }

    /** Answers a transfer without a valid token for its block and use with a BLOCK_TOKEN error. */
    static boolean refused(ChannelHandlerContext ctx, TransferContext context, long id, BlockToken token, long blockId,
                           Set<BlockToken.Access> allowed) {
        String why = context.tokens().refusal(token, blockId, allowed, System.currentTimeMillis());
        if (why == null) {
            return false;
        }
        LOG.warn("refused a transfer of block {} from {}: {}", blockId, ctx.channel().remoteAddress(), why);
        ctx.writeAndFlush(new MessageFrame(id, new Reply.ErrorReply(ErrorCode.BLOCK_TOKEN, why)));
        return true;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            for (BlockSender s : senders.values().toArray(new BlockSender[0])) {
                s.pump();
            }
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        for (BlockSender s : senders.values().toArray(new BlockSender[0])) {
            s.close();
        }
        super.channelInactive(ctx);
    }
}
