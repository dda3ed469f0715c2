package io.jdfs.rpc;

import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/** The event loops that client-side connections of this JVM share (daemon threads, never shut down). */
public final class Transport {
    private static volatile EventLoopGroup clientGroup;
    /**
     * The buffers of connections to data servers. A block read keeps the socket's read buffers (slices, no
     * copy) until the reader has consumed them, megabytes at a time, then frees them from another thread:
     * the default pooled allocator then destroyed each emptied 4 MiB chunk and mapped, zeroed and faulted in
     * a new one (measured: 25,000-75,000 page faults per GiB read, about a tenth of the client's CPU); the
     * adaptive one still did so now and then (2,000-15,000 per GiB, 3 % of the CPU). The read buffers are
     * now blocks of one size, recycled whole ({@link RecyclingAllocator}); small buffers come from the
     * adaptive allocator.
     */
    private static final RecyclingAllocator DATA_ALLOCATOR = RecyclingAllocator.forDataConnections(
            new AdaptiveByteBufAllocator(true), Integer.getInteger("jdfs.dataReadBlock", 256 << 10));

    private Transport() {
    }

    /** The allocator of connections that carry block data (see {@link #DATA_ALLOCATOR}). */
    public static ByteBufAllocator dataAllocator() {
        return DATA_ALLOCATOR;
    }

    /** The most a connection to a data server reads from its socket at once: one recycled block. */
    public static int dataMaxReadBytes() {
        return DATA_ALLOCATOR.blockSize();
    }

    public static EventLoopGroup clientGroup() {
        EventLoopGroup g = clientGroup;
        if (g == null) {
            synchronized (Transport.class) {
                g = clientGroup;
                if (g == null) {
                    g = new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
                            new DefaultThreadFactory("jdfs-client", true));
                    clientGroup = g;
                }
            }
        }
        return g;
    }
}
