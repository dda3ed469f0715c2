package io.jdfs.shell.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

/** What a local path is, in words a user recognises from ls -l and cp's messages. */
final class LocalFiles {
    private LocalFiles() {
    }

    static String kind(Path p) {
        try {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
            if (a.isDirectory()) {
                return "a directory";
            }
            if (a.isRegularFile()) {
                return "a regular file";
            }
            Object mode = Files.getAttribute(p, "unix:mode");
            int type = ((Integer) mode) & 0170000;
            return switch (type) {
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0010000 -> "a FIFO";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Files.isSymbolicLink(p) ? "a dangling symbolic link" : "a special file";
        }
    }
}
