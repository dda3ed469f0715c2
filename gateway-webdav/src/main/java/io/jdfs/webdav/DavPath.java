package io.jdfs.webdav;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns request URIs into namespace paths and back. The gateway serves the namespace at "/", so
 * the decoded URI path is the file system path. Anything that could climb out of it ("..",
 * encoded dots, backslashes, NUL) is refused rather than normalised.
 */
public final class DavPath {
    private DavPath() {
    }

    /** Thrown for a URI that names no path in the mount; answered with 400. */
    public static final class BadPathException extends Exception {
        public BadPathException(String message) {
            super(message);
        }
    }

    /** Decodes the raw (still %-encoded) path of a request URI into a clean absolute path. */
    public static String fromRawUri(String rawPath) throws BadPathException {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        if (!rawPath.startsWith("/")) {
            throw new BadPathException("path must be absolute: " + rawPath);
        }
        List<String> parts = new ArrayList<>();
        for (String rawSeg : rawPath.split("/", -1)) {
            String seg = percentDecode(rawSeg);
            if (seg.indexOf('/') >= 0) {
                throw new BadPathException("encoded '/' in a path segment: " + rawSeg);
            }
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                throw new BadPathException("'..' is not allowed in a path");
            }
            if (seg.indexOf('\\') >= 0 || seg.indexOf('\0') >= 0) {
                throw new BadPathException("backslash or NUL in a path segment: " + seg);
            }
            parts.add(seg);
        }
        return parts.isEmpty() ? "/" : "/" + String.join("/", parts);
    }

    /** Parses a Destination header (absolute URI or absolute path) into a path. */
    public static String fromDestination(String destination, String requestHost) throws BadPathException {
        if (destination == null || destination.isBlank()) {
            throw new BadPathException("missing Destination header");
        }
        String d = destination.trim();
        int scheme = d.indexOf("://");
        if (scheme > 0) {
            int slash = d.indexOf('/', scheme + 3);
            String authority = slash < 0 ? d.substring(scheme + 3) : d.substring(scheme + 3, slash);
            if (requestHost != null && !authority.equalsIgnoreCase(requestHost)) {
                throw new BadPathException("Destination on another server: " + authority);
            }
            d = slash < 0 ? "/" : d.substring(slash);
        }
        int q = d.indexOf('?');
        if (q >= 0) {
            d = d.substring(0, q);
        }
        return fromRawUri(d);
    }

    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public static String child(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

    /** Whether {@code path} is {@code ancestor} or below it. */
    public static boolean isSelfOrBelow(String path, String ancestor) {
        return path.equals(ancestor) || ancestor.equals("/") || path.startsWith(ancestor + "/");
    }

    /** Encodes a path for an href: every byte outside the unreserved set and '/' is %-escaped. */
    public static String encode(String path) {
        StringBuilder sb = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    /** Percent-decodes as UTF-8; '+' stays '+' (it is not a space in a path). */
    static String percentDecode(String s) throws BadPathException {
        if (s.indexOf('%') < 0) {
            return s;
        }
        byte[] out = new byte[s.length() * 3];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new BadPathException("truncated %-escape in " + s);
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new BadPathException("bad %-escape in " + s);
                }
                out[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    out[n++] = b;
                }
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
