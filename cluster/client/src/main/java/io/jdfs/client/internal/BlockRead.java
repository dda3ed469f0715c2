package io.jdfs.client.internal;

import io.jdfs.rpc.DataChannel;
import io.jdfs.protocol.ChecksumException;
import io.jdfs.rpc.Checksums;
import io.jdfs.protocol.Protocol;
import io.jdfs.rpc.DataPacket;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.TransferRequest;
import io.jdfs.rpc.MessageFrame;
import io.jdfs.protocol.ProtocolException;
import io.jdfs.protocol.UnavailableException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One ranged read of a block from one replica: checks every packet's CRC32C and keeps only the
 * requested bytes (the server sends whole chunks). Completes with the bytes, or fails with the reason
 * so the caller can try another replica.
 */
final class BlockRead implements DataChannel.Listener {
    private static final long REQUEST = 1;
    /**
     * A replica that sends nothing for this long is given up for the next one: a server cut off the
     * network (link down, not closed) would otherwise hold the reader until TCP gives up, minutes later.
     * A live server sends a 512 KiB packet every few milliseconds, even on a busy machine.
     */
    static final long IDLE_TIMEOUT_MILLIS = 1_000;
    /** Silent this long, the read is slow: the reader asks another replica too (a hedged read). */
    static final long SLOW_AFTER_MILLIS = 400;
    private static final long CHECK_MILLIS = 100;

    private final DataChannel channel;
    private final LocatedBlock block;
    private final long start;
    private final long end;
    private final CompletableFuture<ByteBuf> result = new CompletableFuture<>();
    private final CompositeByteBuf out;
    private final Runnable onSlow;
    private long expectedOffset = -1;
    private long blockLength = -1;
    private volatile long lastProgressNanos = System.nanoTime();
    private volatile boolean slowReported;
    private ScheduledFuture<?> watchdog;

    /** @param onSlow run once (on the channel's event loop) when the server is silent for {@link #SLOW_AFTER_MILLIS} */
    BlockRead(DataChannel channel, LocatedBlock block, long start, long length, Runnable onSlow) {
        this.channel = channel;
        this.block = block;
        this.start = start;
        this.end = start + length;
        this.onSlow = onSlow;
        this.out = PooledByteBufAllocator.DEFAULT.compositeDirectBuffer(Integer.MAX_VALUE);
    }

    CompletableFuture<ByteBuf> start() {
        channel.listen(this);
        watchdog = channel.channel().eventLoop().scheduleAtFixedRate(this::checkProgress, CHECK_MILLIS, CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
        result.whenComplete((b, e) -> watchdog.cancel(false));
        channel.channel().writeAndFlush(new MessageFrame(REQUEST, new TransferRequest.ReadBlock(block.block().id(),
                block.block().generation(), start, end - start, block.token())));
        return result;
    }

    /** True once the server was silent long enough for the reader to ask another replica too. */
    boolean wasSlow() {
        return slowReported;
    }

    /** Gives the read up (another replica answered first); the caller closes the connection. */
    void cancel() {
        // on the event loop, which may be adding packets to the buffer this releases
        channel.channel().eventLoop().execute(() -> fail(new java.util.concurrent.CancellationException(
                "another replica answered first")));
    }

    private void checkProgress() {
        long idle = (System.nanoTime() - lastProgressNanos) / 1_000_000;
        if (idle >= IDLE_TIMEOUT_MILLIS) {
            fail(new SilentServerException(channel.address() + " sent nothing for " + idle + " ms while reading block "
                    + block.block().id() + ": trying another replica"));
        } else if (idle >= SLOW_AFTER_MILLIS && !slowReported && !result.isDone()) {
            slowReported = true;
            onSlow.run();
        }
    }

    @Override
    public void onFrame(Object frame) {
        lastProgressNanos = System.nanoTime();
        try {
            if (result.isDone()) {
                return;
            }
            if (frame instanceof MessageFrame f) {
                if (f.message() instanceof Reply.ReadReply r) {
                    expectedOffset = r.firstPacketOffset();
                    blockLength = r.blockLength();
                    if (blockLength < end) {
                        fail(new ChecksumException("replica of block "
                                + block.block().id() + " on " + channel.address() + " has " + blockLength
                                + " bytes, fewer than the " + end + " expected"));
                    }
                } else if (f.message() instanceof Reply.ErrorReply e) {
                    fail(DfsException.of(e.code(), channel.address() + ": " + e.message()));
                } else {
                    fail(new ProtocolException(channel.address() + " sent " + f.message().getClass().getSimpleName()));
                }
            } else if (frame instanceof DataPacket p) {
                onPacket(p);
            } else {
                fail(new ProtocolException(channel.address() + " sent an unexpected frame during a read"));
            }
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    private void onPacket(DataPacket p) {
        if (expectedOffset < 0 || p.offset() != expectedOffset) {
            fail(new ProtocolException(channel.address() + " sent a packet at " + p.offset() + ", expected " + expectedOffset));
            return;
        }
        int len = p.length();
        if (len > 0) {
            int bad = Checksums.firstMismatch(p.data(), p.crcs());
            if (bad >= 0) {
                fail(new ChecksumException("checksum mismatch in block " + block.block().id() + " at offset "
                        + (p.offset() + (long) bad * Protocol.CHUNK_SIZE) + " on " + channel.address()));
                return;
            }
            long from = Math.max(start, p.offset());
            long to = Math.min(end, p.offset() + len);
            if (to > from) {
                // flattened: the packet is itself a slice of the socket's read buffers
                ByteBuf part = p.data().retainedSlice(p.data().readerIndex() + (int) (from - p.offset()), (int) (to - from));
                out.addFlattenedComponents(true, part);
            }
        }
        expectedOffset = p.offset() + len;
        if (p.last()) {
            if (out.readableBytes() != end - start) {
                fail(new ProtocolException(channel.address() + " sent " + out.readableBytes() + " of "
                        + (end - start) + " bytes of block " + block.block().id()));
                return;
            }
            result.complete(out);
        }
    }

    @Override
    public void onClosed(Throwable cause) {
        fail(cause);
    }

    private void fail(Throwable t) {
        if (result.completeExceptionally(t)) {
            out.release();
        }
    }
}
