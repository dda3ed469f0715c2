package io.jdfs.shell.ops;

import io.jdfs.client.CreateOptions;
import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsInputStream;
import io.jdfs.client.DfsOutputStream;
import io.jdfs.protocol.DfsPath;
import io.jdfs.protocol.DirectoryNotEmptyException;
import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.PathExistsException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The file operations behind both the shell and the one-shot {@code dfs client} commands: one
 * implementation of upload, download, copy, list, stat, mkdir, move and delete. Paths given here are
 * already resolved; failures the user can fix are {@link OpException}s with a one-line message.
 */
public final class FileOps {
    private FileOps() {
    }

    // ---- upload ----------------------------------------------------------------------------------

    /** Checks that a local file can be uploaded (before any connection is made). */
    public static void checkUploadable(Path local) throws OpException {
        if (!Files.exists(local)) {
            throw new OpException(local + ": no such local file");
        }
        if (Files.isDirectory(local)) {
            throw new OpException(local + " is a directory (upload copies one file)");
        }
        if (!Files.isReadable(local)) {
            throw new OpException(local + ": permission denied");
        }
    }

    /** Copies a local file to {@code target}; a failed or cancelled upload leaves no remote file behind. */
    public static long upload(DfsClient c, Path local, String target, CreateOptions options, Transfer t)
            throws IOException {
        checkUploadable(local);
        long size = Files.isRegularFile(local) ? Files.size(local) : -1;
        try (InputStream in = Files.newInputStream(local)) {
            return write(c, in, size, target, options, t, local.getFileName().toString());
        }
    }

    /**
     * Writes a stream to a remote file that appears only when whole: under a hidden temporary name,
     * renamed over {@code target} on success (replacing an old file only then, when allowed). On any
     * failure or cancel the temporary is deleted and an old file is left as it was.
     */
    public static long write(DfsClient c, InputStream in, long size, String target, CreateOptions options,
                             Transfer t, String name) throws IOException {
        DfsOutputStream out;
        try {
            out = c.createAtomically(target, options);
        } catch (PathExistsException e) {
            throw new OpException(target + " already exists (use --force to overwrite)");
        }
        String temporary = out.path();
        boolean ok = false;
        try (OnInterrupt cleanup = new OnInterrupt("jdfs-upload-cleanup", () -> c.delete(temporary, false))) {
            long n = t.copy(in, out, name, size);
            t.checkCancelled(name);
            try {
                out.close();
            } catch (PathExistsException e) {
                throw new OpException(target + " appeared while uploading (use --force to overwrite)");
            }
            ok = true;
            return n;
        } catch (IOException | RuntimeException e) {
            out.abort();
            boolean interrupted = Thread.interrupted(); // the clean-up must not be interrupted too
            try {
                c.delete(temporary, false);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (interrupted && !t.cancelled()) {
                Thread.currentThread().interrupt();
            }
            if (t.cancelled() && !(e instanceof CancelledException)) {
                throw new CancelledException(name);
            }
            throw e;
        } finally {
            t.finish(ok);
        }
    }

    // ---- download --------------------------------------------------------------------------------

    /**
     * Where a download of {@code name} lands: {@code local} itself, inside it when it is a directory, or
     * {@code name} in {@code cwd} when null. An existing file is refused unless {@code force}.
     */
    public static Path downloadTarget(Path cwd, Path local, String name, boolean force) throws OpException {
        Path t = local == null ? cwd.resolve(name) : Files.isDirectory(local) ? local.resolve(name) : local;
        if (Files.isDirectory(t)) {
            throw new OpException(t + " is a directory");
        }
        if (Files.exists(t) && !Files.isRegularFile(t)) {
            // as cp refuses to turn a device or FIFO into a file: a download writes regular files only
            throw new OpException(t + " is " + LocalFiles.kind(t) + ", not a regular file: refusing to replace it"
                    + " (download to standard output with '-')");
        }
        if (Files.exists(t) && !force) {
            throw new OpException(t + " already exists (use --force to overwrite)");
        }
        Path parent = t.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            throw new OpException(parent + ": no such local directory");
        }
        return t;
    }

    /** "-", /dev/stdout or /dev/fd/1: where cp and hdfs dfs write to standard output. */
    public static boolean isStandardOutput(Path local) {
        String s = local.toString();
        return s.equals("-") || s.equals("/dev/stdout") || s.equals("/dev/fd/1");
    }

    /** The status of a remote file that is to be read: a directory is refused. */
    public static FileStatus readableFile(DfsClient c, String path, String hint) throws IOException {
        FileStatus st = c.stat(path);
        if (st.isDirectory()) {
            throw new OpException(path + " is a directory" + hint);
        }
        return st;
    }

    /** Writes a hidden temporary file next to the target and renames it into place once complete. */
    public static long download(DfsClient c, FileStatus st, Path target, boolean force, Transfer t) throws IOException {
        Path abs = target.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + "." + Long.toHexString(
                ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".part");
        boolean ok = false;
        try (OnInterrupt cleanup = new OnInterrupt("jdfs-download-cleanup", () -> Files.deleteIfExists(tmp))) {
            long n;
            try (DfsInputStream in = c.open(st.path());
                 FileChannel out = newTemporary(tmp, abs)) {
                n = t.copy(in, out, st.name(), st.length());
            }
            if (force) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(tmp, abs);
            }
            ok = true;
            return n;
        } finally {
            t.finish(ok);
            Files.deleteIfExists(tmp);
        }
    }

    /** Opens the hidden temporary of a download; a failure names the target the user asked for. */
    private static FileChannel newTemporary(Path tmp, Path target) throws IOException {
        try {
            return FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new java.nio.file.AccessDeniedException(target.toString(), null, "cannot write in " + target.getParent());
        } catch (java.nio.file.FileSystemException e) {
            throw new OpException(target + ": " + (e.getReason() == null ? "cannot write" : e.getReason()));
        }
    }

    // ---- inside the cluster ------------------------------------------------------------------------

    /** Copies a remote file to another remote path (read and write: there is no server-side copy). */
    public static long copy(DfsClient c, FileStatus src, String target, boolean force, Transfer t) throws IOException {
        CreateOptions o = CreateOptions.defaults().withOverwrite(force).withReplication(src.replication())
                .withBlockSize(src.blockSize()).withMode(src.mode() & 07777);
        try (InputStream in = c.open(src.path())) {
            return write(c, in, src.length(), target, o, t, src.name());
        }
    }

    public static String move(DfsClient c, String src, String dst, boolean force) throws IOException {
        if (src.equals("/")) {
            throw new OpException("cannot move the root directory");
        }
        try {
            c.rename(src, dst, force);
        } catch (PathExistsException e) {
            throw new OpException(dst + " already exists (use --force to replace it)");
        }
        return dst;
    }

    public static void delete(DfsClient c, String p, boolean recursive) throws IOException {
        try {
            if (!c.delete(p, recursive)) {
                throw new OpException(p + ": no such file or directory");
            }
        } catch (DirectoryNotEmptyException e) {
            throw new OpException(p + " is a non-empty directory (use -r to delete it with its contents)");
        }
    }

    /**
     * What a user reads about one path of a {@link DfsClient#deleteAll}, or null when nothing went
     * wrong (deleted; or not there and {@code force}, as rm -f).
     */
    public static String deleteProblem(io.jdfs.client.DeleteResult r, boolean force) {
        if (r.error() instanceof DirectoryNotEmptyException) {
            return r.path() + " is a non-empty directory (use -r to delete it with its contents)";
        }
        if (r.error() != null) {
            return Failures.describe(r.error());
        }
        return r.deleted() || force ? null : r.path() + ": no such file or directory";
    }

    /** mkdir -p (fine when it exists), or plain mkdir: the parent must exist and the path must not. */
    public static void mkdir(DfsClient c, String p, boolean parents) throws IOException {
        if (!parents) {
            if (c.exists(p)) {
                throw new OpException(p + ": already exists");
            }
            FileStatus parent = c.statOrNull(RemotePaths.parent(p));
            if (parent == null) {
                throw new OpException(RemotePaths.parent(p) + ": no such directory (use mkdir -p)");
            }
            if (!parent.isDirectory()) {
                throw new OpException(RemotePaths.parent(p) + ": not a directory");
            }
        }
        c.mkdirs(p);
    }
}
