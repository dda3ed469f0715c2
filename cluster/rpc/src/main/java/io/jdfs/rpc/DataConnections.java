package io.jdfs.rpc;


import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.Protocol;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Idle connections to data servers, kept for reuse so each block read or write skips the handshake. */
public final class DataConnections implements AutoCloseable {
    private static final int MAX_IDLE_PER_SERVER = 8;
    /** Pooled connections are not reused past this: well before data servers drop idle ones (ServerLimits). */
    static final long MAX_POOLED_NANOS = ServerLimits.DEFAULT_DATA_IDLE_MILLIS / 2 * 1_000_000L;

    private final ClusterIdentity identity;
    private final String role;
    private final Map<String, Deque<DataChannel>> idle = new HashMap<>();
    private boolean closed;

    public DataConnections(ClusterIdentity identity) {
        this(identity, Protocol.ROLE_CLIENT);
    }

    /** @param role the role this side declares in the handshake (a data server's mirrors: dataserver) */
    public DataConnections(ClusterIdentity identity, String role) {
        this.identity = identity;
        this.role = role;
    }

    public CompletableFuture<DataChannel> acquire(DataServerRef server) {
        return acquire(server, null);
    }

    /**
     * A connection to {@code server} served by {@code loop}: an idle one of that thread, else a new one
     * on it (null: any idle connection, or a new one on the shared client threads). A data server
     * forwarding a pipeline's packets takes its next server's connection on the thread of the upstream
     * connection, so packets and acks pass between the two without a hand-off between threads.
     */
    public CompletableFuture<DataChannel> acquire(DataServerRef server, io.netty.channel.EventLoop loop) {
        synchronized (this) {
            Deque<DataChannel> q = idle.get(server.address());
            if (q != null) {
                long now = System.nanoTime();
                for (var it = q.iterator(); it.hasNext(); ) {
                    DataChannel c = it.next();
                    if (!c.isActive() || now - c.releasedNanos >= MAX_POOLED_NANOS) {
                        it.remove();
                        c.channel().close();
                    } else if (loop == null || c.channel().eventLoop() == loop) {
                        it.remove();
                        return CompletableFuture.completedFuture(c);
                    }
                }
            }
        }
        DataChannel dc = new DataChannel(server.address());
        return Connector.connect(server.host(), server.port(), role, identity, dc.handler(), Transport.dataAllocator(),
                        Transport.dataMaxReadBytes(), loop)
                .thenApply(ch -> {
                    dc.attach(ch);
                    return dc;
                });
    }

    /** Returns a connection whose transfer ended cleanly; anything else should be closed instead. */
    public void release(DataChannel c) {
        c.listen(null);
        c.releasedNanos = System.nanoTime();
        synchronized (this) {
            if (!closed && c.isActive()) {
                Deque<DataChannel> q = idle.computeIfAbsent(c.address(), k -> new ArrayDeque<>());
                if (q.size() < MAX_IDLE_PER_SERVER) {
                    q.addLast(c);
                    return;
                }
            }
        }
        c.channel().close();
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (Deque<DataChannel> q : idle.values()) {
            for (DataChannel c : q) {
                c.channel().close();
            }
        }
        idle.clear();
    }
}
