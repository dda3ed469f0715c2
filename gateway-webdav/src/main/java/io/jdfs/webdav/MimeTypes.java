package io.jdfs.webdav;

import java.net.URLConnection;
import java.util.Map;

/** Content-Type from the file name. */
public final class MimeTypes {
    private static final Map<String, String> EXTRA = Map.of(
            "json", "application/json", "md", "text/markdown", "svg", "image/svg+xml",
            "js", "text/javascript", "css", "text/css", "csv", "text/csv",
            "mp4", "video/mp4", "webp", "image/webp", "gz", "application/gzip", "tar", "application/x-tar");

    private MimeTypes() {
    }

    public static String of(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot >= 0) {
            String t = EXTRA.get(name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT));
            if (t != null) {
                return t;
            }
        }
        String guess = URLConnection.guessContentTypeFromName(name);
        return guess != null ? guess : "application/octet-stream";
    }
}
