package io.jdfs.name.replication;

import io.jdfs.name.blocks.BlockInfo;
import io.jdfs.name.blocks.BlockMap;
import io.jdfs.name.servers.DataServerDescriptor;
import io.jdfs.name.servers.DataServerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Trims an over-replicated block to its factor, from the fullest servers, one replica at a time so the
 * block stays on two racks when it can. Called under the {@link ReplicationMonitor}'s lock.
 */
final class ExcessReplicaRemover {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationMonitor.class);

    private final DataServerRegistry servers;
    private final BlockMap blockMap;
    private final CorruptReplicas corrupt;
    private final ExcessReplicaChooser excessChooser = new ExcessReplicaChooser();

    ExcessReplicaRemover(DataServerRegistry servers, BlockMap blockMap, CorruptReplicas corrupt) {
        this.servers = servers;
        this.blockMap = blockMap;
        this.corrupt = corrupt;
    }

    /** Removes the replicas above the block's factor; returns how many it removed. */
    int removeExcess(BlockInfo b, ReplicaCount c) {
        int removed = 0;
        Set<String> bad = corrupt.on(b.id());
        List<DataServerDescriptor> holders = new ArrayList<>();
        for (String id : b.replicas()) {
            DataServerDescriptor d = servers.get(id);
            if (d != null && d.isLive() && d.inService() && !bad.contains(id)) {
                holders.add(d);
            }
        }
        // one at a time, so each removal keeps the block on two racks when it can
        for (int i = c.live() - c.expected(); i > 0; i--) {
            List<DataServerDescriptor> pick = excessChooser.choose(keepingRacks(holders), 1);
            if (pick.isEmpty()) {
                break;
            }
            DataServerDescriptor d = pick.get(0);
            holders.remove(d);
            LOG.debug("block {} has {} replicas for {}: removing the one on {}", b.id(), c.live(), c.expected(), d.id());
            blockMap.invalidate(d.id(), b.id());
            removed++;
        }
        return removed;
    }

    /** The holders that may go without leaving the block in a single rack (all of them when racks are not in use). */
    private List<DataServerDescriptor> keepingRacks(List<DataServerDescriptor> holders) {
        java.util.Map<String, Integer> perRack = new java.util.HashMap<>();
        for (DataServerDescriptor d : holders) {
            perRack.merge(d.rack(), 1, Integer::sum);
        }
        if (perRack.size() != 2 || servers.liveRacks() < 2) {
            return holders; // one rack: nothing to keep; three or more: any single removal keeps two
        }
        List<DataServerDescriptor> out = new ArrayList<>();
        for (DataServerDescriptor d : holders) {
            if (perRack.get(d.rack()) > 1) {
                out.add(d);
            }
        }
        return out;
    }
}
