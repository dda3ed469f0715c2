package io.jdfs.protocol;

/** A data server as the name server sees it. */
public record DataServerInfo(
        String id,
        String host,
        int port,
        DataServerState state,
        long capacity,
        long used,
        long remaining,
        long blocks,
        int activeTransfers,
        long lastHeartbeatMillisAgo,
        String rack) {
    public String address() {
        return host + ":" + port;
    }
}
