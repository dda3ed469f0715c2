package io.jdfs.webdav.lock;

/**
 * One granted write lock.
 *
 * @param token     the opaquelocktoken URI
 * @param root      the path the lock was taken on
 * @param infinite  depth infinity (covers everything below a collection) rather than depth 0
 * @param exclusive exclusive rather than shared
 * @param ownerXml  the owner element the client sent, echoed back verbatim (may be null)
 * @param principal the authenticated user who took it (null when anonymous)
 * @param timeoutSeconds the granted timeout, or -1 for infinite
 * @param expiresAtMillis when it lapses (Long.MAX_VALUE for infinite)
 */
public record DavLock(String token, String root, boolean infinite, boolean exclusive, String ownerXml,
                      String principal, long timeoutSeconds, long expiresAtMillis) {

    /** Whether this lock protects {@code path}: its root, or anything below it at depth infinity. */
    public boolean covers(String path) {
        if (path.equals(root)) {
            return true;
        }
        return infinite && (root.equals("/") || path.startsWith(root + "/"));
    }

    public DavLock refreshed(long seconds, long nowMillis) {
        return new DavLock(token, root, infinite, exclusive, ownerXml, principal, seconds,
                expiry(seconds, nowMillis));
    }

    public static long expiry(long seconds, long nowMillis) {
        return seconds < 0 ? Long.MAX_VALUE : nowMillis + seconds * 1000;
    }

    public long secondsLeft(long nowMillis) {
        if (timeoutSeconds < 0) {
            return -1;
        }
        return Math.max(0, (expiresAtMillis - nowMillis + 999) / 1000);
    }
}
