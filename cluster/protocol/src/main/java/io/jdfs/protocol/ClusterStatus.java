package io.jdfs.protocol;

import java.util.List;

/**
 * A cluster summary: servers, totals and namespace counts; {@code readOnly} is null while the name
 * server takes changes, else why it refuses them (its journal failed) and since when.
 */
public record ClusterStatus(
        String clusterId,
        List<DataServerInfo> servers,
        long capacity,
        long used,
        long remaining,
        long files,
        long directories,
        long blocks,
        long underReplicatedBlocks,
        long missingBlocks,
        String readOnly) {
    public ClusterStatus(String clusterId, List<DataServerInfo> servers, long capacity, long used, long remaining,
                         long files, long directories, long blocks, long underReplicatedBlocks, long missingBlocks) {
        this(clusterId, servers, capacity, used, remaining, files, directories, blocks, underReplicatedBlocks,
                missingBlocks, null);
    }

    /** False while the name server refuses changes (see {@link #readOnly}). */
    public boolean writable() {
        return readOnly == null;
    }

    public long liveServers() {
        return servers.stream().filter(s -> s.state() == DataServerState.LIVE).count();
    }
}
