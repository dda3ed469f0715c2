package io.jdfs.name.placement;

import io.jdfs.name.servers.DataServerDescriptor;
import io.jdfs.protocol.DataServerState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses the servers of a new block's replicas: distinct servers with room for a block, live ones
 * before stale ones, and among those "the better of two random picks" by free space and load, which
 * spreads blocks evenly without herding every writer onto the single emptiest server.
 */
public final class BlockPlacementPolicy {

    public List<DataServerDescriptor> chooseTargets(int count, long blockSize, Collection<DataServerDescriptor> live,
                                                    Set<String> exclude) {
        List<DataServerDescriptor> fresh = new ArrayList<>();
        List<DataServerDescriptor> stale = new ArrayList<>();
        for (DataServerDescriptor d : live) {
            if (exclude.contains(d.id()) || d.remaining() < blockSize || !d.inService()) {
                continue;
            }
            (d.state() == DataServerState.LIVE ? fresh : stale).add(d);
        }
        List<DataServerDescriptor> chosen = new ArrayList<>(count);
        pick(fresh, count, chosen);
        pick(stale, count, chosen);
        for (DataServerDescriptor d : chosen) {
            d.scheduled(blockSize);
        }
        return chosen;
    }

    private static void pick(List<DataServerDescriptor> candidates, int count, List<DataServerDescriptor> chosen) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (chosen.size() < count && !candidates.isEmpty()) {
            int a = rnd.nextInt(candidates.size());
            int b = rnd.nextInt(candidates.size());
            int best = better(candidates.get(a), candidates.get(b)) ? a : b;
            chosen.add(candidates.remove(best));
        }
    }

    /** True when {@code x} is at least as good a target as {@code y}. */
    private static boolean better(DataServerDescriptor x, DataServerDescriptor y) {
        double sx = score(x);
        double sy = score(y);
        return sx >= sy;
    }

    private static double score(DataServerDescriptor d) {
        double free = d.capacity() <= 0 ? 0 : (double) d.remaining() / d.capacity();
        return free - 0.05 * d.activeTransfers();
    }
}
