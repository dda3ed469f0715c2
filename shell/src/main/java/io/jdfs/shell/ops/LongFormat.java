package io.jdfs.shell.ops;

import io.jdfs.protocol.DfsPath;
import io.jdfs.protocol.FileStatus;

/** The columns ls -l shares between the shell and {@code dfs client list -l}: as coreutils prints them. */
public final class LongFormat {
    private LongFormat() {
    }

    /** "-rw-r--r--  2 alice    staff   ": mode, link count, owner and group by name where this machine knows them. */
    public static String head(FileStatus f, OwnerNames names) {
        return String.format("%s %2d %-8s %-8s", Format.mode(f), f.linkCount(), names.user(f.uid()), names.group(f.gid()));
    }

    /** " -> target" after a symbolic link's name, nothing after anything else. */
    public static String linkSuffix(FileStatus f) {
        return f.isSymlink() && f.symlinkTarget() != null ? " -> " + DfsPath.printable(f.symlinkTarget()) : "";
    }

    /** The one-shot client's listing line: type, size, time, name; or with {@code longFormat} {@link #line}. */
    public static String listLine(FileStatus f, boolean longFormat) {
        if (longFormat) {
            return line(f, OwnerNames.system());
        }
        // a name from before control characters were refused still prints as one line
        return String.format("%-4s %12d  %s  %s%s", Format.type(f), f.length(), Format.time(f.mtimeNanos()),
                DfsPath.printable(f.name()), linkSuffix(f));
    }

    /** The one-shot client's long line: head, size, time, name, link target. */
    public static String line(FileStatus f, OwnerNames names) {
        return String.format("%s %12d  %s  %s%s", head(f, names), f.length(), Format.time(f.mtimeNanos()),
                DfsPath.printable(f.name()), linkSuffix(f));
    }
}
