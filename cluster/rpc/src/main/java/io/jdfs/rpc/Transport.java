package io.jdfs.rpc;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/** The event loops that client-side connections of this JVM share (daemon threads, never shut down). */
public final class Transport {
    private static volatile EventLoopGroup clientGroup;

    private Transport() {
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
