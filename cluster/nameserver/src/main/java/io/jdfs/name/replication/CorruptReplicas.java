package io.jdfs.name.replication;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Replicas reported corrupt, per block: never a copy source nor a target for that block again. */
final class CorruptReplicas {
    private final Map<Long, Set<String>> byBlock = new HashMap<>();

    /** Returns true when this replica was not known to be corrupt yet. */
    boolean add(long blockId, String serverId) {
        return byBlock.computeIfAbsent(blockId, k -> new HashSet<>()).add(serverId);
    }

    Set<String> on(long blockId) {
        Set<String> s = byBlock.get(blockId);
        return s == null ? Set.of() : s;
    }

    void forget(long blockId) {
        byBlock.remove(blockId);
    }

    int size() {
        return byBlock.size();
    }

    /** A copy of every entry, for the state file. */
    Map<Long, Set<String>> snapshot() {
        Map<Long, Set<String>> m = new HashMap<>();
        byBlock.forEach((k, v) -> m.put(k, new HashSet<>(v)));
        return m;
    }

    Set<Long> blocks() {
        return new HashSet<>(byBlock.keySet());
    }
}
