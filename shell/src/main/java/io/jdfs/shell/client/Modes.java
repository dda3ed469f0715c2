package io.jdfs.shell.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** chmod's MODE: octal ({@code 644}, {@code 0750}) or symbolic ({@code u+x}, {@code go-w}, {@code a=rX,u+w}). */
public final class Modes {
    private static final Pattern CLAUSE = Pattern.compile("([ugoa]*)([-+=])([rwxX]*)");

    private Modes() {
    }

    /** The new permission bits of a file or directory whose bits are {@code current}. */
    public static int apply(String spec, int current, boolean directory) {
        if (spec.matches("[0-7]{1,4}")) {
            return Integer.parseInt(spec, 8);
        }
        int mode = current & 07777;
        for (String clause : spec.split(",", -1)) {
            Matcher m = CLAUSE.matcher(clause);
            if (!m.matches()) {
                throw new IllegalArgumentException("invalid mode '" + spec + "' (octal such as 644, or symbolic such as u+x,go-w)");
            }
            String who = m.group(1).isEmpty() || m.group(1).contains("a") ? "ugo" : m.group(1);
            int perms = 0;
            for (char p : m.group(3).toCharArray()) {
                perms |= switch (p) {
                    case 'r' -> 4;
                    case 'w' -> 2;
                    case 'x' -> 1;
                    default -> directory || (mode & 0111) != 0 ? 1 : 0; // X: execute for directories and executables
                };
            }
            for (char w : who.toCharArray()) {
                int shift = w == 'u' ? 6 : w == 'g' ? 3 : 0;
                switch (m.group(2)) {
                    case "+" -> mode |= perms << shift;
                    case "-" -> mode &= ~(perms << shift);
                    default -> mode = (mode & ~(7 << shift)) | (perms << shift);
                }
            }
        }
        return mode;
    }
}
