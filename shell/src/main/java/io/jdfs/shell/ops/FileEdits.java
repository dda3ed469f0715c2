package io.jdfs.shell.ops;

import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsFile;
import io.jdfs.client.OpenFlag;
import io.jdfs.protocol.FileStatus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.function.BooleanSupplier;

/**
 * truncate and append for the shell and {@code dfs client}, through the file-handle API: a truncate
 * rewrites at most the last block (a grown file reads zeros from a hole), an append continues the file
 * instead of uploading it again.
 */
public final class FileEdits {
    /** New files get rw-r--r-- less the umask, as touch and upload make them. */
    private static final int NEW_FILE_MODE = 0644;

    private FileEdits() {
    }

    /**
     * Sets the length of {@code path} as {@code size} says; a missing file is created unless {@code noCreate}
     * (then it is skipped: false). Returns whether a file was changed or created.
     */
    public static boolean truncate(DfsClient c, String path, SizeChange size, boolean noCreate) throws IOException {
        FileStatus st = c.statOrNull(path);
        if (st == null && noCreate) {
            return false;
        }
        if (st != null && !st.isFile()) {
            throw new OpException(path + ": not a regular file, cannot truncate it");
        }
        EnumSet<OpenFlag> flags = EnumSet.of(OpenFlag.WRITE);
        if (!noCreate) {
            flags.add(OpenFlag.CREATE);
        }
        try (DfsFile f = c.openFile(path, flags, NEW_FILE_MODE)) {
            long target = size.apply(f.length());
            if (target != f.length()) {
                f.truncate(target);
            }
        }
        return true;
    }

    /** {@link #append} of a local file; a missing or special local file is refused before anything is opened. */
    public static long appendFile(DfsClient c, Path from, String path, BooleanSupplier cancelled) throws IOException {
        if (!Files.isRegularFile(from)) {
            throw new OpException(from + (Files.exists(from) ? ": not a regular file" : ": no such local file"));
        }
        try (InputStream in = Files.newInputStream(from)) {
            return append(c, in, path, cancelled);
        }
    }

    /**
     * Appends everything {@code in} gives to the end of {@code path} (created when missing, as
     * {@code hdfs dfs -appendToFile}); returns the bytes appended. Readers see the new bytes when the close
     * commits them (or every 64 MiB, the handle's write-back limit): as with HDFS, what an interrupted append
     * already committed stays.
     */
    public static long append(DfsClient c, InputStream in, String path, BooleanSupplier cancelled) throws IOException {
        FileStatus st = c.statOrNull(path);
        if (st != null && !st.isFile()) {
            throw new OpException(path + ": not a regular file, cannot append to it");
        }
        byte[] buf = new byte[256 * 1024];
        long total = 0;
        try (DfsFile f = c.openFile(path, EnumSet.of(OpenFlag.WRITE, OpenFlag.APPEND, OpenFlag.CREATE), NEW_FILE_MODE)) {
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                if (cancelled.getAsBoolean()) {
                    throw new CancelledException("append");
                }
                f.write(buf, 0, n);
                total += n;
            }
        }
        return total;
    }
}
