package io.jdfs.webdav.lock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The write locks of one gateway process (RFC 4918 section 6-7). Locks live in memory: they last
 * until their timeout or UNLOCK, and go when the gateway stops. All methods are synchronized:
 * lock traffic is small next to the data path.
 */
public final class LockManager {
    /** Longest timeout granted; clients asking for Infinite get this. */
    public static final long MAX_TIMEOUT_SECONDS = 3600;
    public static final long DEFAULT_TIMEOUT_SECONDS = 600;

    private final Map<String, DavLock> byToken = new HashMap<>();
    private final LongSupplier clock;

    public LockManager() {
        this(System::currentTimeMillis);
    }

    public LockManager(LongSupplier clock) {
        this.clock = clock;
    }

    /** Thrown when a requested lock conflicts with one already granted. */
    public static final class ConflictException extends Exception {
        private final DavLock holder;

        public ConflictException(DavLock holder) {
            super("locked by " + holder.token() + " on " + holder.root());
            this.holder = holder;
        }

        public DavLock holder() {
            return holder;
        }
    }

    public long now() {
        return clock.getAsLong();
    }

    /** Grants a new lock, or throws when an exclusive lock is involved on an overlapping path. */
    public synchronized DavLock lock(String path, boolean infinite, boolean exclusive, String ownerXml,
                                     String principal, long timeoutSeconds) throws ConflictException {
        purge();
        for (DavLock l : byToken.values()) {
            boolean overlaps = l.covers(path) || (infinite && isBelow(l.root(), path));
            if (overlaps && (exclusive || l.exclusive())) {
                throw new ConflictException(l);
            }
        }
        long seconds = clampTimeout(timeoutSeconds);
        DavLock lock = new DavLock("opaquelocktoken:" + UUID.randomUUID(), path, infinite, exclusive,
                ownerXml, principal, seconds, DavLock.expiry(seconds, now()));
        byToken.put(lock.token(), lock);
        return lock;
    }

    /** Refreshes a lock that covers {@code path}; null when the token is unknown or does not cover it. */
    public synchronized DavLock refresh(String token, String path, long timeoutSeconds) {
        purge();
        DavLock l = byToken.get(token);
        if (l == null || !l.covers(path)) {
            return null;
        }
        DavLock r = l.refreshed(clampTimeout(timeoutSeconds), now());
        byToken.put(token, r);
        return r;
    }

    /** Removes a lock; false when the token does not name a lock covering {@code path}. */
    public synchronized boolean unlock(String token, String path) {
        purge();
        DavLock l = byToken.get(token);
        if (l == null || !l.covers(path)) {
            return false;
        }
        byToken.remove(token);
        return true;
    }

    public synchronized DavLock byToken(String token) {
        purge();
        return byToken.get(token);
    }

    /** Locks that protect {@code path} itself. */
    public synchronized List<DavLock> covering(String path) {
        purge();
        List<DavLock> out = new ArrayList<>();
        for (DavLock l : byToken.values()) {
            if (l.covers(path)) {
                out.add(l);
            }
        }
        return out;
    }

    /** Locks rooted strictly below {@code path}. */
    public synchronized List<DavLock> below(String path) {
        purge();
        List<DavLock> out = new ArrayList<>();
        for (DavLock l : byToken.values()) {
            if (isBelow(l.root(), path)) {
                out.add(l);
            }
        }
        return out;
    }

    /** Drops every lock rooted at or below {@code path} (the resources are gone or moved away). */
    public synchronized void removeTree(String path) {
        byToken.values().removeIf(l -> l.root().equals(path) || isBelow(l.root(), path));
    }

    public synchronized int size() {
        purge();
        return byToken.size();
    }

    public synchronized void clear() {
        byToken.clear();
    }

    private void purge() {
        long now = now();
        byToken.values().removeIf(l -> l.expiresAtMillis() <= now);
    }

    private static long clampTimeout(long seconds) {
        if (seconds <= 0 || seconds > MAX_TIMEOUT_SECONDS) {
            return seconds == 0 ? DEFAULT_TIMEOUT_SECONDS : MAX_TIMEOUT_SECONDS;
        }
        return seconds;
    }

    static boolean isBelow(String path, String ancestor) {
        return !path.equals(ancestor) && (ancestor.equals("/") || path.startsWith(ancestor + "/"));
    }
}
