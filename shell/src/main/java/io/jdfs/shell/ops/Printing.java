package io.jdfs.shell.ops;

import io.jdfs.client.DfsClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;

/** cat for the shell and {@code dfs client cat}: the bytes of a remote file, with a guard for terminals. */
public final class Printing {
    private Printing() {
    }

    /**
     * Copies a remote file to {@code out}. On a terminal a file that looks binary is refused unless
     * {@code force}: its control bytes would wreck the terminal.
     */
    public static long cat(DfsClient c, String path, OutputStream out, boolean terminal, boolean force,
                           BooleanSupplier cancelled) throws IOException {
        FileOps.readableFile(c, path, "");
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        boolean first = true;
        try (InputStream in = c.open(path)) {
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                if (cancelled.getAsBoolean()) {
                    throw new CancelledException("cat");
                }
                if (first && terminal && !force && looksBinary(buf, Math.min(n, 8192))) {
                    throw new OpException(path + " looks binary: not printing it on the terminal"
                            + " (use --force, or redirect it to a file or a pipe)");
                }
                first = false;
                out.write(buf, 0, n);
                total += n;
            }
        }
        out.flush();
        return total;
    }

    /** As file(1) and less decide: a NUL byte, or many control bytes other than tab, newline, CR, form feed, escape. */
    public static boolean looksBinary(byte[] b, int n) {
        int control = 0;
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            if (c == 0) {
                return true;
            }
            if (c < 32 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 27 && c != 8) {
                control++;
            }
        }
        return n > 0 && control * 10 > n; // more than 10 %
    }
}
