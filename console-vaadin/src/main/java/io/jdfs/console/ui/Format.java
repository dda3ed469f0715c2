package io.jdfs.console.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers, sizes, times and modes read on screen. */
public final class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private Format() {
    }

    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String percent(long part, long whole) {
        return whole <= 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    public static String age(long millis) {
        if (millis < 0) {
            return "-";
        }
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long s = millis / 1000;
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return (s / 60) + " min";
        }
        return (s / 3600) + " h";
    }

    public static String millisTime(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    public static String nanosTime(long epochNanos) {
        return TIME.format(Instant.ofEpochSecond(0, epochNanos));
    }

    /** rwxr-xr-x from 0755 (the file type letter first). */
    public static String mode(int mode, boolean directory) {
        StringBuilder b = new StringBuilder(directory ? "d" : "-");
        String rwx = "rwx";
        for (int i = 8; i >= 0; i--) {
            b.append((mode & (1 << i)) != 0 ? rwx.charAt(2 - i % 3) : '-');
        }
        return b.toString();
    }

    /** Parses an octal mode such as 644 or 0755. */
    public static int parseMode(String s) {
        String t = s.strip();
        if (!t.matches("0?[0-7]{3,4}")) {
            throw new IllegalArgumentException("'" + s + "' is not an octal mode such as 644 or 0755");
        }
        return Integer.parseInt(t, 8);
    }
}
