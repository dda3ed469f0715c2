package io.jdfs.protocol;

import java.util.List;

/** A cluster summary: servers, totals and namespace counts. */
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
        long missingBlocks) {
    public long liveServers() {
        return servers.stream().filter(s -> s.state() == DataServerState.LIVE).count();
    }
}
