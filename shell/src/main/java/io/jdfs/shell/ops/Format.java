package io.jdfs.shell.ops;

import io.jdfs.common.Sizes;
import io.jdfs.protocol.FileStatus;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How times, modes, sizes and transfer rates are printed. */
public final class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter SHORT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private Format() {
    }

    public static String time(long nanos) {
        return TIME.format(Instant.ofEpochSecond(0, nanos));
    }

    public static String shortTime(long nanos) {
        return SHORT_TIME.format(Instant.ofEpochSecond(0, nanos));
    }

    /** The one-word type of the one-shot listing: file, dir, link, fifo, char, block, socket. */
    public static String type(FileStatus s) {
        return switch (s.type()) {
            case FILE -> "file";
            case DIRECTORY -> "dir";
            case SYMLINK -> "link";
            case FIFO -> "fifo";
            case CHAR_DEVICE -> "char";
            case BLOCK_DEVICE -> "block";
            case SOCKET -> "socket";
        };
    }

    /** stat's words for the type. */
    public static String typeName(FileStatus s) {
        return switch (s.type()) {
            case FILE -> "regular file";
            case DIRECTORY -> "directory";
            case SYMLINK -> "symbolic link";
            case FIFO -> "fifo";
            case CHAR_DEVICE -> "character special file";
            case BLOCK_DEVICE -> "block special file";
            case SOCKET -> "socket";
        };
    }

    /** {@code drwxr-xr-x}, {@code lrwxrwxrwx}, {@code -rwsr-xr-x}, {@code drwxrwxrwt}: as ls -l. */
    public static String mode(FileStatus s) {
        StringBuilder b = new StringBuilder().append(switch (s.type()) {
            case FILE -> '-';
            case DIRECTORY -> 'd';
            case SYMLINK -> 'l';
            case FIFO -> 'p';
            case CHAR_DEVICE -> 'c';
            case BLOCK_DEVICE -> 'b';
            case SOCKET -> 's';
        });
        int m = s.mode();
        String rwx = "rwx";
        for (int bit = 8; bit >= 0; bit--) {
            b.append((m & (1 << bit)) != 0 ? rwx.charAt((8 - bit) % 3) : '-');
        }
        special(b, 3, (m & 04000) != 0, 's');
        special(b, 6, (m & 02000) != 0, 's');
        special(b, 9, (m & 01000) != 0, 't');
        return b.toString();
    }

    /** setuid, setgid and sticky show in the execute column: lower case over x, upper case over '-'. */
    private static void special(StringBuilder b, int at, boolean set, char letter) {
        if (set) {
            b.setCharAt(at, b.charAt(at) == 'x' ? letter : Character.toUpperCase(letter));
        }
    }

    /** "123 B" or "12582912 bytes (12.0 MiB)". */
    public static String size(long bytes) {
        return bytes < Sizes.KIB ? bytes + " B" : bytes + " bytes (" + Sizes.human(bytes) + ")";
    }

    /** "1.5K", "12M", "3.2G": ls -h style. */
    public static String humanShort(long bytes) {
        if (bytes < 1024) {
            return Long.toString(bytes);
        }
        String units = "KMGTPE";
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length() - 1) {
            v /= 1024;
            u++;
        }
        return (v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v)) + units.charAt(u);
    }

    /** "12582912 bytes in 0.42 s (28.6 MiB/s)", "17 bytes in 0.01 s (1.7 KiB/s)": the shell's units. */
    public static String transfer(long bytes, long nanos) {
        double seconds = Math.max(nanos, 1) / 1e9;
        return String.format(Locale.ROOT, "%d bytes in %.2f s (%s/s)", bytes, seconds,
                Sizes.human((long) (bytes / seconds)));
    }

    /** scp's summary: "12.0 MiB  0.42 s  28.6 MiB/s". */
    public static String summary(long bytes, long nanos) {
        double seconds = Math.max(nanos, 1) / 1e9;
        return String.format(Locale.ROOT, "%s  %.2f s  %s/s", Sizes.human(bytes), seconds,
                Sizes.human((long) (bytes / seconds)));
    }

    public static String percent(long part, long whole) {
        return whole <= 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
