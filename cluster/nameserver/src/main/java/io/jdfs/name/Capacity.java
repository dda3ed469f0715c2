package io.jdfs.name;

import io.jdfs.name.servers.DataServerDescriptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster's space: Used is the bytes of the blocks stored, Free what new blocks may still use, Size
 * always Used + Free. Servers storing on one file system (the same host and device, as {@code dfs local}'s
 * three servers on one disk) share its free space: it is counted once, and no more than their own limits allow.
 */
record Capacity(long size, long used, long free) {

    static Capacity of(List<DataServerDescriptor> live) {
        Map<String, List<DataServerDescriptor>> byFileSystem = new LinkedHashMap<>();
        for (DataServerDescriptor d : live) {
            String key = d.fileSystem() == null ? "server:" + d.id() : d.fileSystem();
            byFileSystem.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
        }
        long used = 0;
        long free = 0;
        for (List<DataServerDescriptor> group : byFileSystem.values()) {
            long groupFree = 0;
            long fileSystemFree = 0;
            for (DataServerDescriptor d : group) {
                used += d.used();
                groupFree += d.remaining();
                fileSystemFree = Math.max(fileSystemFree, d.fileSystemFree());
            }
            // one disk's free bytes once; each server's limit may allow less
            free += group.get(0).fileSystem() == null ? groupFree : Math.min(groupFree, fileSystemFree);
        }
        return new Capacity(used + free, used, free);
    }
}
