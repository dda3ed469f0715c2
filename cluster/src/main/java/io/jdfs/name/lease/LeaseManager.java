package io.jdfs.name.lease;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One writer per file: each client holds a lease over the files it has open, renewed while it lives.
 * A lease not renewed within the expiry makes its files eligible for recovery. Not thread-safe: the
 * name server calls it under its namespace lock.
 */
public final class LeaseManager {
    private final long expiryNanos;
    private final Map<String, Lease> leases = new HashMap<>();

    public LeaseManager(long expiryMillis) {
        this.expiryNanos = expiryMillis * 1_000_000;
    }

    private static final class Lease {
        long renewedNanos;
        final Set<Long> files = new HashSet<>();
    }

    public void add(String client, long inodeId, long nowNanos) {
        Lease l = leases.computeIfAbsent(client, c -> new Lease());
        l.renewedNanos = nowNanos;
        l.files.add(inodeId);
    }

    public void remove(String client, long inodeId) {
        Lease l = leases.get(client);
        if (l != null) {
            l.files.remove(inodeId);
            if (l.files.isEmpty()) {
                leases.remove(client);
            }
        }
    }

    public void renew(String client, long nowNanos) {
        Lease l = leases.get(client);
        if (l != null) {
            l.renewedNanos = nowNanos;
        }
    }

    /** Files whose writer's lease expired; the leases are dropped. */
    public List<Long> takeExpired(long nowNanos) {
        List<Long> out = new ArrayList<>();
        var it = leases.entrySet().iterator();
        while (it.hasNext()) {
            Lease l = it.next().getValue();
            if (nowNanos - l.renewedNanos > expiryNanos) {
                out.addAll(l.files);
                it.remove();
            }
        }
        return out;
    }

    public int size() {
        return leases.size();
    }
}
