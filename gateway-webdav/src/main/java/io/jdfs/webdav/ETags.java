package io.jdfs.webdav;

import io.jdfs.protocol.FileStatus;

/** Strong entity tags from what identifies a file's content: inode, length and mtime. */
public final class ETags {
    private ETags() {
    }

    public static String of(FileStatus st) {
        return "\"" + Long.toHexString(st.inodeId()) + "-" + Long.toHexString(st.length()) + "-"
                + Long.toHexString(st.mtimeNanos()) + "\"";
    }

    /** Whether a header list (If-Match / If-None-Match) names {@code etag}; '*' names any. */
    public static boolean listMatches(String header, String etag, boolean weakOk) {
        for (String part : header.split(",")) {
            String t = part.trim();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/")) {
                if (!weakOk) {
                    continue;
                }
                t = t.substring(2);
            }
            if (t.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
