package io.jdfs.name.replication;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies handed out and not yet reported by their targets. They count toward a block's replication
 * (so it is not scheduled twice) and toward each server's stream cap; a copy that never shows up
 * times out and its block is re-queued. Not thread-safe: the {@link ReplicationMonitor} guards it.
 */
final class PendingReplications {
    private record Pending(String source, Set<String> targets, long bytes, long deadlineNanos) {
    }

    private final Map<Long, Pending> pending = new HashMap<>();
    private final Map<String, Integer> streams = new HashMap<>();

    void add(long blockId, String source, List<String> targets, long bytes, long deadlineNanos) {
        Pending old = pending.remove(blockId);
        if (old != null) {
            release(old);
        }
        Pending p = new Pending(source, new HashSet<>(targets), bytes, deadlineNanos);
        pending.put(blockId, p);
        streams.merge(source, 1, Integer::sum);
        for (String t : targets) {
            streams.merge(t, 1, Integer::sum);
        }
    }

    /** A target reported the block; returns the bytes copied, or -1 when this copy was not pending. */
    long received(long blockId, String target) {
        Pending p = pending.get(blockId);
        if (p == null || !p.targets.remove(target)) {
            return -1;
        }
        streams.merge(target, -1, Integer::sum);
        if (p.targets.isEmpty()) {
            pending.remove(blockId);
            streams.merge(p.source, -1, Integer::sum);
        }
        return p.bytes;
    }

    /** Copies still expected for a block. */
    int targets(long blockId) {
        Pending p = pending.get(blockId);
        return p == null ? 0 : p.targets.size();
    }

    Set<String> targetsOf(long blockId) {
        Pending p = pending.get(blockId);
        return p == null ? Set.of() : Set.copyOf(p.targets);
    }

    int streams(String serverId) {
        return streams.getOrDefault(serverId, 0);
    }

    int size() {
        return pending.size();
    }

    /** Removes and returns the blocks whose copies timed out, or that involve {@code deadServer}. */
    List<Long> expire(long nowNanos, String deadServer) {
        List<Long> out = new ArrayList<>();
        for (Iterator<Map.Entry<Long, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Pending> e = it.next();
            Pending p = e.getValue();
            boolean involved = deadServer != null && (p.source.equals(deadServer) || p.targets.contains(deadServer));
            if (involved || nowNanos - p.deadlineNanos > 0) {
                it.remove();
                release(p);
                out.add(e.getKey());
            }
        }
        return out;
    }

    private void release(Pending p) {
        streams.merge(p.source, -1, Integer::sum);
        for (String t : p.targets) {
            streams.merge(t, -1, Integer::sum);
        }
    }
}
