package io.jdfs.client.internal;

import io.jdfs.protocol.DataServerRef;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Data servers that stopped answering one of this client's reads recently: every read of the client
 * (this stream's and the others') tries them last for a while, so one silent server costs one timeout,
 * not one per block. Not a verdict: when no other replica is left they are still tried.
 */
final class SlowServers {
    /** How long a server that timed out is tried last. */
    static final long REMEMBER_MILLIS = 30_000;

    private final ConcurrentHashMap<String, Long> until = new ConcurrentHashMap<>();

    void mark(String address) {
        until.put(address, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REMEMBER_MILLIS));
    }

    boolean isSlow(String address) {
        Long t = until.get(address);
        if (t == null) {
            return false;
        }
        if (System.nanoTime() - t > 0) {
            until.remove(address, t);
            return false;
        }
        return true;
    }

    /** The locations in their order, those marked slow moved to the end. */
    List<DataServerRef> healthyFirst(List<DataServerRef> locations) {
        List<DataServerRef> healthy = new ArrayList<>(locations.size());
        List<DataServerRef> slow = new ArrayList<>();
        for (DataServerRef s : locations) {
            (isSlow(s.address()) ? slow : healthy).add(s);
        }
        healthy.addAll(slow);
        return healthy;
    }
}
