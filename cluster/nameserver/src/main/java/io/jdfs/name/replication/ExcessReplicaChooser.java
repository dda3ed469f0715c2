package io.jdfs.name.replication;

import io.jdfs.name.servers.DataServerDescriptor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Picks which replicas of an over-replicated block go: from the servers with the least free space. */
public final class ExcessReplicaChooser {

    /** The {@code excess} servers to remove a replica from, fullest first. */
    public List<DataServerDescriptor> choose(List<DataServerDescriptor> holders, int excess) {
        List<DataServerDescriptor> sorted = new ArrayList<>(holders);
        sorted.sort(Comparator.comparingLong(DataServerDescriptor::remaining).thenComparing(DataServerDescriptor::id));
        return sorted.subList(0, Math.max(0, Math.min(excess, sorted.size())));
    }
}
