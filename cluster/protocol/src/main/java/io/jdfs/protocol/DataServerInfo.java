package io.jdfs.protocol;

/**
 * A data server as the name server sees it. {@code fileSystem} names the file system its blocks are stored on
 * (host and device id; null from an older server): servers sharing one count its free space once.
 * {@code fileSystemFree} is what that file system has free, whatever this server's own limit.
 */
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
        String rack,
        String fileSystem,
        long fileSystemFree) {
    public String address() {
        return host + ":" + port;
    }
}
