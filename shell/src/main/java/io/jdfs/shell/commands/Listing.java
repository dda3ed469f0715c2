package io.jdfs.shell.commands;

import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.Session;
import io.jdfs.shell.ops.Format;
import io.jdfs.shell.ops.LongFormat;
import io.jdfs.shell.ops.OwnerNames;
import org.jline.utils.AttributedStyle;

import java.util.List;
import java.util.function.Function;

/** How ls prints entries: names in columns on a terminal (one per line when piped), or long lines. */
final class Listing {
    static final AttributedStyle DIR = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    static final AttributedStyle LINK = AttributedStyle.BOLD.foreground(AttributedStyle.CYAN);
    static final AttributedStyle OPEN = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);

    private Listing() {
    }

    static String name(Session s, FileStatus f, String text) {
        if (f.isDirectory()) {
            return s.styled(text, DIR);
        }
        if (f.isSymlink()) {
            return s.styled(text, LINK);
        }
        return f.complete() ? text : s.styled(text, OPEN);
    }

    static void print(Session s, List<FileStatus> entries, boolean longFormat, boolean human) {
        print(s, entries, longFormat, human, FileStatus::name);
    }

    /** {@code shown} is the text each entry is listed under (a name, or a path as the user typed it). */
    static void print(Session s, List<FileStatus> entries, boolean longFormat, boolean human,
                      Function<FileStatus, String> shown) {
        if (entries.isEmpty()) {
            return;
        }
        if (longFormat) {
            OwnerNames names = OwnerNames.system();
            int sizeWidth = 1;
            for (FileStatus f : entries) {
                sizeWidth = Math.max(sizeWidth, size(f, human).length());
            }
            for (FileStatus f : entries) {
                s.out().printf("%s %" + sizeWidth + "s %s %s%s%n", LongFormat.head(f, names), size(f, human),
                        Format.shortTime(f.mtimeNanos()), name(s, f, shown.apply(f)), LongFormat.linkSuffix(f));
            }
            return;
        }
        if (!s.fancy()) {
            entries.forEach(f -> s.out().println(shown.apply(f)));
            return;
        }
        int widest = entries.stream().mapToInt(f -> shown.apply(f).length()).max().orElse(1) + 2;
        int cols = Math.max(1, s.width() / widest);
        int rows = (entries.size() + cols - 1) / cols;
        for (int r = 0; r < rows; r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                int i = c * rows + r;
                if (i >= entries.size()) {
                    break;
                }
                FileStatus f = entries.get(i);
                boolean lastInRow = c == cols - 1 || (c + 1) * rows + r >= entries.size();
                line.append(name(s, f, shown.apply(f)));
                if (!lastInRow) {
                    line.append(" ".repeat(widest - shown.apply(f).length()));
                }
            }
            s.out().println(line);
        }
    }

    static String size(FileStatus f, boolean human) {
        return human ? Format.humanShort(f.length()) : Long.toString(f.length());
    }
}
