package io.jdfs.data.transfer;

import io.jdfs.data.metrics.DataServerMetrics;
import io.jdfs.data.store.Replica;
import io.jdfs.rpc.DataPacket;
import io.jdfs.rpc.FileDataPacket;
import io.netty.buffer.Unpooled;
import io.jdfs.protocol.Reply;
import io.jdfs.rpc.MessageFrame;
import io.jdfs.protocol.Protocol;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.EventExecutor;
import io.jdfs.protocol.ErrorCode;

import java.io.IOException;

/**
 * Streams a range of a replica in whole 64 KiB chunks (up to 8 per packet) with their stored checksums, straight from the
 * file to the socket (sendfile); the reader verifies and trims. Sends only while the socket is
 * writable, so a slow reader never makes the server buffer a block in memory.
 * <p>
 * The packets are made on the channel's event loop, which sends the file regions anyway: made on the
 * disk executor, each packet was a task handed to the event loop and a wakeup of it (a write to its
 * eventfd), about 2,000 per GiB. With TLS the packets are read from disk into buffers, so they are made
 * on the disk executor as before.
 */
final class BlockSender {
    private final ChannelHandlerContext ctx;
    private final long requestId;
    private final Replica replica;
    private final int[] crcs;
    private final Runnable onClose;
    private long chunk;
    private final long endChunk;
    private long seqno;
    private boolean done;
    private final SharedFile file;
    /** TLS encrypts what it sends: packets are read into buffers instead of sent with sendfile. */
    private final boolean copy;
    private final DataServerMetrics metrics;
    private final long startNanos = System.nanoTime();
    /** The thread the packets are made on; every field below the constructor's is touched there only. */
    private final EventExecutor sender;

    BlockSender(ChannelHandlerContext ctx, long requestId, Replica replica, long offset, long length, Runnable onClose,
                DataServerMetrics metrics) throws IOException {
        this.metrics = metrics;
        this.ctx = ctx;
        this.requestId = requestId;
        this.replica = replica;
        this.onClose = onClose;
        this.crcs = replica.checksums();
        this.file = SharedFile.open(replica.dataFile());
        this.copy = ctx.pipeline().get(SslHandler.class) != null;
        this.sender = copy ? ctx.executor() : ctx.channel().eventLoop();
        long start = Math.min(offset, replica.length());
        long end = Math.min(replica.length(), length < 0 ? Long.MAX_VALUE : start + length);
        this.chunk = start / Protocol.CHUNK_SIZE;
        this.endChunk = end <= start ? chunk : (end + Protocol.CHUNK_SIZE - 1) / Protocol.CHUNK_SIZE;
    }

    void start() {
        sender.execute(() -> {
            ctx.write(new MessageFrame(requestId, new Reply.ReadReply(replica.length(), chunk * Protocol.CHUNK_SIZE)));
            pumpHere();
        });
    }

    /** Sends packets until the socket's buffer is full or the range is done (on the sending thread). */
    void pump() {
        if (sender.inEventLoop()) {
            pumpHere();
        } else {
            sender.execute(this::pumpHere);
        }
    }

    private void pumpHere() {
        try {
            send();
        } catch (IOException e) {
            ctx.writeAndFlush(new MessageFrame(requestId, new Reply.ErrorReply(ErrorCode.INTERNAL,
                    "cannot read replica of block " + replica.id() + ": " + e.getMessage())));
            close();
        }
    }

    private void send() throws IOException {
        while (!done && ctx.channel().isWritable()) {
            if (chunk >= endChunk) {
                ctx.writeAndFlush(new DataPacket(requestId, seqno++, Math.min(chunk * Protocol.CHUNK_SIZE, replica.length()),
                        true, new int[0], Unpooled.EMPTY_BUFFER));
                close(true);
                return;
            }
            long pos = chunk * Protocol.CHUNK_SIZE;
            int chunks = (int) Math.min(Protocol.PACKET_CHUNKS, endChunk - chunk);
            int len = (int) Math.min((long) chunks * Protocol.CHUNK_SIZE, replica.length() - pos);
            int[] packetCrcs = java.util.Arrays.copyOfRange(crcs, (int) chunk, (int) chunk + chunks);
            if (copy) {
                ctx.write(new DataPacket(requestId, seqno++, pos, false, packetCrcs, file.read(ctx.alloc(), replica.dataOffset() + pos, len)));
            } else {
                ctx.write(new FileDataPacket(requestId, seqno++, pos, false, packetCrcs, len, file.region(replica.dataOffset() + pos, len)));
            }
            metrics.read(DataServerMetrics.Source.CLIENT, len);
            chunk += chunks;
        }
        ctx.flush();
    }

    /** The reader went away before the end. */
    void close() {
        if (sender.inEventLoop()) {
            close(false);
        } else {
            sender.execute(() -> close(false));
        }
    }

    private void close(boolean complete) {
        if (!done) {
            done = true;
            metrics.transfer(DataServerMetrics.Op.READ_BLOCK, complete, System.nanoTime() - startNanos);
            file.release();
            // the handler's map of open reads lives on its executor: queued there before this event loop
            // reads the reader's next request on this connection (which may reuse the request id)
            if (ctx.executor().inEventLoop()) {
                onClose.run();
            } else {
                ctx.executor().execute(onClose);
            }
        }
    }
}
