package io.jdfs.name.servers;

import io.jdfs.protocol.DataServerInfo;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.DataServerState;

/** A registered data server and the latest figures from its heartbeats. */
public final class DataServerDescriptor {
    private final String id;
    private volatile String host;
    private volatile int port;
    private volatile long capacity;
    private volatile long used;
    private volatile long remaining;
    private volatile int activeTransfers;
    private volatile long lastHeartbeatNanos;
    private volatile DataServerState state = DataServerState.LIVE;
    /** Blocks promised to this server since its last heartbeat, so placement does not overfill it. */
    private volatile long scheduledBytes;
    /** Null while in service; DECOMMISSIONING or DECOMMISSIONED when an operator asked it to leave. */
    private volatile DataServerState adminState;

    private volatile String rack = "/default-rack";
    /** Where its blocks are stored (host:device; null: unknown, counted as its own) and that file system's free bytes. */
    private volatile String fileSystem;
    private volatile long fileSystemFree;

    DataServerDescriptor(String id, String host, int port) {
        this.id = id;
        this.host = host;
        this.port = port;
    }

    public String rack() {
        return rack;
    }

    public void rack(String r) {
        this.rack = r;
    }

    public String id() {
        return id;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    void address(String newHost, int newPort) {
        this.host = newHost;
        this.port = newPort;
    }

    public DataServerState state() {
        return state;
    }

    void state(DataServerState s) {
        this.state = s;
    }

    public DataServerState adminState() {
        return adminState;
    }

    public void adminState(DataServerState s) {
        this.adminState = s;
    }

    /** False while the server is being (or was) decommissioned: it gets no new replicas. */
    public boolean inService() {
        return adminState == null;
    }

    public boolean isLive() {
        return state == DataServerState.LIVE || state == DataServerState.STALE;
    }

    void update(long capacity, long used, long remaining, int activeTransfers, long nowNanos) {
        this.capacity = capacity;
        this.used = used;
        this.remaining = remaining;
        this.activeTransfers = activeTransfers;
        this.lastHeartbeatNanos = nowNanos;
        this.scheduledBytes = 0;
    }

    /** The file system the server stores on, from its registration and heartbeats. */
    public void fileSystem(String fs, long free) {
        this.fileSystem = fs;
        this.fileSystemFree = free;
    }

    public String fileSystem() {
        return fileSystem;
    }

    public long fileSystemFree() {
        return fileSystemFree;
    }

    /** Free space as the server reported it (what its next blocks may use), nothing subtracted. */
    public long reportedRemaining() {
        return remaining;
    }

    public long lastHeartbeatNanos() {
        return lastHeartbeatNanos;
    }

    public long capacity() {
        return capacity;
    }

    public long used() {
        return used;
    }

    /** Free space, less what was promised to writers since the last heartbeat. */
    public long remaining() {
        return Math.max(0, remaining - scheduledBytes);
    }

    public int activeTransfers() {
        return activeTransfers;
    }

    public synchronized void scheduled(long bytes) {
        scheduledBytes += bytes;
    }

    public DataServerRef ref() {
        return new DataServerRef(id, host, port);
    }

    public DataServerInfo info(long blocks, long nowNanos) {
        long ago = lastHeartbeatNanos == 0 ? -1 : (nowNanos - lastHeartbeatNanos) / 1_000_000;
        DataServerState shown = adminState != null && isLive() ? adminState : state;
        return new DataServerInfo(id, host, port, shown, capacity, used, remaining, blocks, activeTransfers, ago, rack,
                fileSystem, fileSystemFree);
    }
}
