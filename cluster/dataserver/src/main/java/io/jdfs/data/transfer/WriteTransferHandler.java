package io.jdfs.data.transfer;

import io.jdfs.protocol.ErrorCode;
import io.jdfs.protocol.Errors;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.TransferRequest;
import io.jdfs.protocol.ProtocolException;
import io.jdfs.rpc.DataPacket;
import io.jdfs.rpc.MessageFrame;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.EventExecutorGroup;

import java.util.HashMap;
import java.util.Map;

/**
 * The write side of a data server connection, on the connection's I/O thread: block writes, their
 * packets and their aborts ({@link BlockReceiver} says which thread does what). Every other request
 * passes on to the {@link DataTransferHandler} on a disk executor.
 * <p>
 * A small file's replica used to cost about ten hand-offs between threads on each server (each packet
 * and each ack crossed from the I/O thread to a disk thread and back, and the forward to the next
 * server crossed once more); here a packet is checked, forwarded and stored where it was read, and
 * only the disk work leaves the thread.
 */
public final class WriteTransferHandler extends ChannelInboundHandlerAdapter {
    private final TransferContext context;
    private final EventExecutorGroup disk;
    private final Map<Long, BlockReceiver> receivers = new HashMap<>();

    /** @param disk where each write's file writes and syncs run (one of its threads per write, in order) */
    public WriteTransferHandler(TransferContext context, EventExecutorGroup disk) {
        this.context = context;
        this.disk = disk;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof DataPacket p) {
            BlockReceiver r = receivers.get(p.requestId());
            if (r == null) {
                p.release();
                throw new ProtocolException("data packet for request " + p.requestId() + " which is not an open write");
            }
            r.onPacket(p);
            return;
        }
        if (!(msg instanceof MessageFrame f)) {
            ctx.fireChannelRead(msg);
            return;
        }
        long id = f.requestId();
        if (f.message() instanceof TransferRequest.AbortWrite) {
            BlockReceiver r = receivers.get(id);
            if (r != null) {
                r.abortedByWriter();
            } else {
                ctx.writeAndFlush(new MessageFrame(id, new Reply.ErrorReply(ErrorCode.NOT_FOUND,
                        "no write with request id " + id + " on this connection to abort")));
            }
            return;
        }
        if (!(f.message() instanceof TransferRequest.WriteBlock w)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (receivers.containsKey(id)) {
            throw new ProtocolException("request id " + id + " is already in use on this connection");
        }
        if (DataTransferHandler.refused(ctx, context, id, w.token(), w.block() == null ? 0 : w.block().id(),
                DataTransferHandler.WRITE_OR_COPY)) {
            return;
        }
        try {
            BlockReceiver r = new BlockReceiver(ctx, id, w, context, disk.next(), () -> receivers.remove(id));
            receivers.put(id, r);
            r.start();
        } catch (ProtocolException e) {
            throw e;
        } catch (Exception e) {
            ctx.writeAndFlush(new MessageFrame(id, Errors.toReply(e)));
        }
    }

    /**
     * Not passed on: the handlers after this one (on a disk executor) have no use for it, and each event
     * handed to them is a task for another thread, and a wake-up of it, after every read.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        for (BlockReceiver r : receivers.values().toArray(new BlockReceiver[0])) {
            r.upstreamLost();
        }
        super.channelInactive(ctx);
    }
}
