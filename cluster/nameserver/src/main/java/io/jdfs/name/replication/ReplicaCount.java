package io.jdfs.name.replication;

import io.jdfs.name.blocks.BlockInfo;
import io.jdfs.name.servers.DataServerDescriptor;
import io.jdfs.name.servers.DataServerRegistry;

import java.util.Collection;

/**
 * How many usable replicas a block has: on live servers in service ({@code live}), and on live servers
 * that are leaving ({@code decommissioning}: they serve reads and act as copy sources, but do not count
 * toward the replication factor). Replicas known to be corrupt count in neither.
 */
public record ReplicaCount(int live, int decommissioning, int corrupt, int expected) {

    public static ReplicaCount of(BlockInfo b, DataServerRegistry servers, Collection<String> corruptOn) {
        int live = 0;
        int leaving = 0;
        int corrupt = 0;
        for (String id : b.replicas()) {
            DataServerDescriptor d = servers.get(id);
            if (d == null || !d.isLive()) {
                continue;
            }
            if (corruptOn.contains(id)) {
                corrupt++;
            } else if (d.inService()) {
                live++;
            } else {
                leaving++;
            }
        }
        return new ReplicaCount(live, leaving, corrupt, b.expectedReplication());
    }

    /** No good replica anywhere: the block cannot be read until a server holding one returns. */
    public boolean missing() {
        return live + decommissioning == 0;
    }

    public boolean under() {
        return live < expected;
    }

    public boolean over() {
        return live > expected;
    }

    /** 0 is the most urgent: one replica left (or only replicas on leaving servers); -1 when none is needed. */
    public int priority() {
        if (!under() || missing()) {
            return -1;
        }
        return live <= 1 ? 0 : 1;
    }
}
