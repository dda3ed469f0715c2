package io.jdfs.cli;

import io.jdfs.common.Sizes;
import io.jdfs.protocol.FileStatus;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the CLI prints times, modes, sizes and transfer rates. */
final class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private Format() {
    }

    static String time(long nanos) {
        return TIME.format(Instant.ofEpochSecond(0, nanos));
    }

    static String type(FileStatus s) {
        return s.isDirectory() ? "dir" : "file";
    }

    /** {@code drwxr-xr-x} style. */
    static String mode(FileStatus s) {
        StringBuilder b = new StringBuilder(s.isDirectory() ? "d" : "-");
        String rwx = "rwx";
        for (int bit = 8; bit >= 0; bit--) {
            b.append((s.mode() & (1 << bit)) != 0 ? rwx.charAt((8 - bit) % 3) : '-');
        }
        return b.toString();
    }

    static String size(long bytes) {
        return bytes < Sizes.KIB ? bytes + " B" : bytes + " bytes (" + Sizes.human(bytes) + ")";
    }

    /** "12582912 bytes in 0.42 s (28.6 MiB/s)". */
    static String transfer(long bytes, long nanos) {
        double seconds = Math.max(nanos, 1) / 1e9;
        return String.format(Locale.ROOT, "%d bytes in %.2f s (%.1f MiB/s)", bytes, seconds,
                bytes / (double) Sizes.MIB / seconds);
    }
}
