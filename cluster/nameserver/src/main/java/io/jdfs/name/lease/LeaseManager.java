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
        /** False for a lease rebuilt from the journal at start until its writer renews it. */
        boolean confirmed = true;
        final Set<Long> files = new HashSet<>();
    }

    public void add(String client, long inodeId, long nowNanos) {
        Lease l = leases.computeIfAbsent(client, c -> new Lease());
        l.renewedNanos = nowNanos;
        l.files.add(inodeId);
    }

    /** A lease of a file found open at start: its writer gets one expiry to come back. */
    public void restore(String client, long inodeId, long nowNanos) {
        boolean known = leases.containsKey(client);
        add(client, inodeId, nowNanos);
        if (!known) {
            leases.get(client).confirmed = false;
        }
    }

    /** Whether the client holds a lease it renewed (or took) since this name server started. */
    public boolean confirmed(String client) {
        Lease l = client == null ? null : leases.get(client);
        return l != null && l.confirmed;
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

    /**
     * Whether {@code client} holds the lease on the file. A writer the file still names without one had
     * it dropped at expiry: the name server recovers (or recovered) that file and refuses its late calls.
     */
    public boolean holds(String client, long inodeId) {
        Lease l = client == null ? null : leases.get(client);
        return l != null && l.files.contains(inodeId);
    }

    public void renew(String client, long nowNanos) {
        Lease l = leases.get(client);
        if (l != null) {
            l.renewedNanos = nowNanos;
            l.confirmed = true;
        }
    }

    /** A file whose writer stopped renewing its lease. */
    public record Expired(String holder, long inodeId) {
    }

    /** Files whose writer's lease expired; the leases are dropped. */
    public List<Expired> takeExpired(long nowNanos) {
        List<Expired> out = new ArrayList<>();
        var it = leases.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            Lease l = e.getValue();
            if (nowNanos - l.renewedNanos > expiryNanos) {
                for (Long id : l.files) {
                    out.add(new Expired(e.getKey(), id));
                }
                it.remove();
            }
        }
        return out;
    }

    public int size() {
        return leases.size();
    }
}
