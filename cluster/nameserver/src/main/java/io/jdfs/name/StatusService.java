package io.jdfs.name;

import io.jdfs.name.blocks.BlockInfo;
import io.jdfs.name.blocks.BlockMap;
import io.jdfs.name.servers.DataServerDescriptor;
import io.jdfs.name.servers.DataServerRegistry;
import io.jdfs.protocol.ClusterStatus;
import io.jdfs.protocol.DataServerInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Cluster-wide figures for clients, the admin API and the console. */
public final class StatusService {
    private static final Logger LOG = LoggerFactory.getLogger(StatusService.class);

    private final String clusterId;
    private final DataServerRegistry servers;
    private final BlockMap blockMap;
    private final NamespaceService namespace;

    public StatusService(String clusterId, DataServerRegistry servers, BlockMap blockMap, NamespaceService namespace) {
        this.clusterId = clusterId;
        this.servers = servers;
        this.blockMap = blockMap;
        this.namespace = namespace;
    }

    public ClusterStatus clusterStatus() {
        long now = System.nanoTime();
        List<DataServerInfo> infos = new ArrayList<>();
        List<DataServerDescriptor> liveServers = new ArrayList<>();
        for (DataServerDescriptor d : servers.all()) {
            infos.add(d.info(blockMap.replicasOn(d.id()), now));
            if (d.isLive()) {
                liveServers.add(d);
            }
        }
        Capacity total = Capacity.of(liveServers);
        long capacity = total.size();
        long used = total.used();
        long remaining = total.free();
        infos.sort(Comparator.comparing(DataServerInfo::address));
        long under = 0;
        long missing = 0;
        for (BlockInfo b : blockMap.all()) {
            int live = liveReplicas(b);
            if (live == 0 && b.committed()) {
                missing++;
            } else if (b.committed() && live < b.expectedReplication()) {
                under++;
            }
        }
        long[] counts = namespace.counts();
        return new ClusterStatus(clusterId, infos, capacity, used, remaining, counts[0], counts[1], counts[2], under, missing,
                namespace.journalHealth().describe());
    }

    private int liveReplicas(BlockInfo b) {
        int n = 0;
        for (String id : b.replicas()) {
            DataServerDescriptor d = servers.get(id);
            if (d != null && d.isLive()) {
                n++;
            }
        }
        return n;
    }
}
