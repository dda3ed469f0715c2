package io.jdfs.name.servers;

import io.jdfs.protocol.DataServerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The data servers that registered, and their liveness: a server is stale after a short silence
 * (still used, but last in choice) and dead after a longer one (its replicas stop counting).
 */
public final class DataServerRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(DataServerRegistry.class);

    private final Map<String, DataServerDescriptor> servers = new ConcurrentHashMap<>();
    private final long staleAfterNanos;
    private final long deadAfterNanos;
    private final Consumer<DataServerDescriptor> onDead;
    private volatile StateListener listener = (d, from, to) -> { };

    /** Told of every liveness change (the event log listens). {@code from} is null for a new server. */
    public interface StateListener {
        void changed(DataServerDescriptor d, DataServerState from, DataServerState to);
    }

    public void listener(StateListener l) {
        this.listener = l;
    }

    public DataServerRegistry(long staleAfterMillis, long deadAfterMillis, Consumer<DataServerDescriptor> onDead) {
        this.staleAfterNanos = staleAfterMillis * 1_000_000;
        this.deadAfterNanos = deadAfterMillis * 1_000_000;
        this.onDead = onDead;
    }

    /** Registers (or re-registers) a server; returns its descriptor, live and freshly heard from. */
    public DataServerDescriptor register(String id, String host, int port, long capacity, long used, long nowNanos) {
        return register(id, host, port, capacity, used, Math.max(0, capacity - used), nowNanos);
    }

    /** As above, with the free space the server measured: the real figure from the first moment. */
    public DataServerDescriptor register(String id, String host, int port, long capacity, long used, long remaining,
                                         long nowNanos) {
        DataServerDescriptor d = servers.computeIfAbsent(id, k -> new DataServerDescriptor(id, host, port));
        DataServerState before = d.lastHeartbeatNanos() == 0 ? null : d.state();
        d.address(host, port);
        d.update(capacity, used, remaining, 0, nowNanos);
        d.state(DataServerState.LIVE);
        if (before == null) {
            LOG.info("data server {} joined at {}:{} ({} MiB capacity)", id, host, port, capacity >> 20);
        } else {
            LOG.info("data server {} re-registered at {}:{} (was {})", id, host, port, before);
        }
        listener.changed(d, before, DataServerState.LIVE);
        return d;
    }

    /** Records a heartbeat; null when the server is unknown (it must register again). */
    public DataServerDescriptor heartbeat(String id, long capacity, long used, long remaining, int transfers,
                                          long nowNanos) {
        DataServerDescriptor d = servers.get(id);
        if (d == null || d.state() == DataServerState.DEAD) {
            return null;
        }
        d.update(capacity, used, remaining, transfers, nowNanos);
        if (d.state() == DataServerState.STALE) {
            d.state(DataServerState.LIVE);
            LOG.info("data server {} ({}:{}) is live again", id, d.host(), d.port());
            listener.changed(d, DataServerState.STALE, DataServerState.LIVE);
        }
        return d;
    }

    /** Marks silent servers stale, then dead; called periodically. */
    public void checkLiveness(long nowNanos) {
        for (DataServerDescriptor d : servers.values()) {
            long silence = nowNanos - d.lastHeartbeatNanos();
            if (d.state() == DataServerState.LIVE && silence > staleAfterNanos) {
                d.state(DataServerState.STALE);
                LOG.info("data server {} ({}:{}) is stale: no heartbeat for {} ms", d.id(), d.host(), d.port(),
                        silence / 1_000_000);
                listener.changed(d, DataServerState.LIVE, DataServerState.STALE);
            }
            if (d.state() == DataServerState.STALE && silence > deadAfterNanos) {
                d.state(DataServerState.DEAD);
                LOG.info("data server {} ({}:{}) is dead: no heartbeat for {} ms", d.id(), d.host(), d.port(),
                        silence / 1_000_000);
                onDead.accept(d);
                listener.changed(d, DataServerState.STALE, DataServerState.DEAD);
            }
        }
    }

    /** Distinct racks of the live servers in service: replicas are spread over racks only when there are two. */
    public int liveRacks() {
        java.util.Set<String> racks = new java.util.HashSet<>();
        for (DataServerDescriptor d : servers.values()) {
            if (d.isLive() && d.inService()) {
                racks.add(d.rack());
            }
        }
        return racks.size();
    }

    public DataServerDescriptor get(String id) {
        return servers.get(id);
    }

    /** A server by its id or by the HOST:PORT it advertises; null when none matches. */
    public DataServerDescriptor find(String idOrAddress) {
        DataServerDescriptor d = servers.get(idOrAddress);
        if (d != null) {
            return d;
        }
        for (DataServerDescriptor s : servers.values()) {
            if ((s.host() + ":" + s.port()).equals(idOrAddress)) {
                return s;
            }
        }
        return null;
    }

    public Collection<DataServerDescriptor> all() {
        return servers.values();
    }

    public List<DataServerDescriptor> live() {
        List<DataServerDescriptor> out = new ArrayList<>();
        for (DataServerDescriptor d : servers.values()) {
            if (d.isLive()) {
                out.add(d);
            }
        }
        return out;
    }
}
