package io.jdfs.webdav;

import io.jdfs.protocol.FileStatus;
import jakarta.servlet.http.HttpServletRequest;

/** HTTP preconditions (RFC 9110 section 13): If-Match, If-None-Match, If-(Un)Modified-Since. */
final class Conditionals {
    private Conditionals() {
    }

    /**
     * Throws 412, or 304 for a safe method, when a precondition fails. {@code st} is null when
     * the target does not exist.
     */
    static void check(HttpServletRequest req, FileStatus st) throws DavStatusException {
        boolean safe = req.getMethod().equals("GET") || req.getMethod().equals("HEAD");
        String etag = st == null ? null : ETags.of(st);
        String ifMatch = req.getHeader("If-Match");
        if (ifMatch != null && (etag == null || !ETags.listMatches(ifMatch, etag, false))) {
            throw new DavStatusException(412, "If-Match failed");
        }
        long mtimeSec = st == null ? 0 : st.mtimeNanos() / 1_000_000_000L;
        long ius = dateHeader(req, "If-Unmodified-Since");
        if (ifMatch == null && ius >= 0 && st != null && mtimeSec > ius / 1000) {
            throw new DavStatusException(412, "If-Unmodified-Since failed");
        }
        String ifNone = req.getHeader("If-None-Match");
        if (ifNone != null) {
            if (etag != null && ETags.listMatches(ifNone, etag, true)) {
                throw new DavStatusException(safe ? 304 : 412, "If-None-Match matched");
            }
        } else if (safe && st != null) {
            long ims = dateHeader(req, "If-Modified-Since");
            if (ims >= 0 && mtimeSec <= ims / 1000) {
                throw new DavStatusException(304, "not modified");
            }
        }
    }

    private static long dateHeader(HttpServletRequest req, String name) {
        try {
            return req.getDateHeader(name);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
