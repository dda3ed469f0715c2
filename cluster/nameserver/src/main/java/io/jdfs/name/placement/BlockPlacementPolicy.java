package io.jdfs.name.placement;

import io.jdfs.name.servers.DataServerDescriptor;
import io.jdfs.protocol.DataServerState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
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
        return chooseTargets(count, blockSize, live, exclude, Set.of());
    }

    /**
     * Chooses {@code count} targets. With servers on two racks or more, the block's replicas (those on
     * {@code existingRacks} plus the chosen ones) are made to span at least two racks, so losing a
     * whole rack loses no block.
     */
    public List<DataServerDescriptor> chooseTargets(int count, long blockSize, Collection<DataServerDescriptor> live,
                                                    Set<String> exclude, Set<String> existingRacks) {
        List<DataServerDescriptor> fresh = new ArrayList<>();
        List<DataServerDescriptor> stale = new ArrayList<>();
        for (DataServerDescriptor d : live) {
            if (exclude.contains(d.id()) || d.remaining() < blockSize || !d.inService()) {
                continue;
            }
            (d.state() == DataServerState.LIVE ? fresh : stale).add(d);
        }
        List<DataServerDescriptor> chosen = new ArrayList<>(count);
        Set<String> racks = new HashSet<>(existingRacks);
        while (chosen.size() < count && (!fresh.isEmpty() || !stale.isEmpty())) {
            List<DataServerDescriptor> pool = fresh.isEmpty() ? stale : fresh;
            // one rack so far: the next replica goes to another rack when one can take it
            List<DataServerDescriptor> elsewhere = racks.size() == 1 ? onOtherRacks(pool, racks) : pool;
            DataServerDescriptor d = pickOne(elsewhere.isEmpty() ? pool : elsewhere);
            pool.remove(d);
            chosen.add(d);
            racks.add(d.rack());
        }
        for (DataServerDescriptor d : chosen) {
            d.scheduled(blockSize);
        }
        return chosen;
    }

    private static List<DataServerDescriptor> onOtherRacks(List<DataServerDescriptor> pool, Set<String> racks) {
        List<DataServerDescriptor> out = new ArrayList<>();
        for (DataServerDescriptor d : pool) {
            if (!racks.contains(d.rack())) {
                out.add(d);
            }
        }
        return out;
    }

    /** The better of two random candidates. */
    private static DataServerDescriptor pickOne(List<DataServerDescriptor> candidates) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        DataServerDescriptor a = candidates.get(rnd.nextInt(candidates.size()));
        DataServerDescriptor b = candidates.get(rnd.nextInt(candidates.size()));
        return better(a, b) ? a : b;
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
