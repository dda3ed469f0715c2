package io.jdfs.webdav;

import java.util.ArrayList;
import java.util.List;

/** Byte ranges of a Range header (RFC 9110 section 14), resolved against a length. */
final class Ranges {
    /** An inclusive byte range. */
    record Span(long first, long last) {
        long length() {
            return last - first + 1;
        }
    }

    /** At most this many ranges per request: more is a denial-of-service pattern. */
    static final int MAX_RANGES = 32;

    private Ranges() {
    }

    /**
     * The satisfiable spans; null when the header is absent or malformed (serve the whole body);
     * an empty list when none is satisfiable (416).
     */
    static List<Span> parse(String header, long length) {
        if (header == null || !header.regionMatches(true, 0, "bytes=", 0, 6)) {
            return null;
        }
        List<Span> out = new ArrayList<>();
        String[] parts = header.substring(6).split(",");
        if (parts.length > MAX_RANGES) {
            return null;
        }
        for (String raw : parts) {
            String p = raw.trim();
            int dash = p.indexOf('-');
            if (dash < 0) {
                return null;
            }
            String a = p.substring(0, dash).trim();
            String b = p.substring(dash + 1).trim();
            try {
                if (a.isEmpty()) {
                    if (b.isEmpty()) {
                        return null;
                    }
                    long suffix = Long.parseLong(b);
                    if (suffix > 0 && length > 0) {
                        out.add(new Span(Math.max(0, length - suffix), length - 1));
                    }
                } else {
                    long first = Long.parseLong(a);
                    long last = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
                    if (first < 0 || last < first) {
                        return null;
                    }
                    if (first < length) {
                        out.add(new Span(first, Math.min(last, length - 1)));
                    }
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out;
    }
}
