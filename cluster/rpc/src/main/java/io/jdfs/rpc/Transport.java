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
     * the default pooled allocator then destroys each emptied 4 MiB chunk and maps, zeroes and faults in a
     * new one (measured: 25,000-75,000 page faults per GiB read, about a tenth of the client's CPU). This
     * allocator keeps emptied chunks for reuse (about 5,000 page faults per GiB).
     */
    private static final ByteBufAllocator DATA_ALLOCATOR = new AdaptiveByteBufAllocator(true);

    private Transport() {
    }

    /** The allocator of connections that carry block data (see {@link #DATA_ALLOCATOR}). */
    public static ByteBufAllocator dataAllocator() {
        return DATA_ALLOCATOR;
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
