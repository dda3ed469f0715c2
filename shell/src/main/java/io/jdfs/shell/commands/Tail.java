package io.jdfs.shell.commands;

import io.jdfs.client.DfsInputStream;
import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.ops.FileOps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;

@Command(name = "tail", description = "Print the last lines (or bytes) of a remote file, reading only its end.")
public final class Tail extends Base {
    private static final int CHUNK = 64 * 1024;

    @Option(names = "-n", paramLabel = "LINES", description = "Lines (default 10)")
    int lines = 10;

    @Option(names = "-c", paramLabel = "BYTES", description = "Bytes instead of lines")
    long bytes = -1;

    @Parameters(paramLabel = "PATH", description = "Remote file")
    String path;

    @Override
    protected void run() throws IOException {
        FileStatus st = FileOps.readableFile(client(), s.remote(path), "");
        long length = st.length();
        try (DfsInputStream in = client().open(st.path())) {
            long from = bytes >= 0 ? Math.max(0, length - bytes) : lineStart(in, length);
            OutputStream out = s.raw();
            in.seek(from);
            in.transferTo(out);
            out.flush();
        }
    }

    /** Where the last {@code lines} lines start: chunks are read backwards from the end until enough newlines are seen. */
    private long lineStart(DfsInputStream in, long length) throws IOException {
        if (lines <= 0) {
            return length;
        }
        int seen = 0;
        long pos = length;
        byte[] buf = new byte[CHUNK];
        while (pos > 0) {
            int n = (int) Math.min(CHUNK, pos);
            long start = pos - n;
            in.readFully(start, buf, 0, n);
            for (int i = n - 1; i >= 0; i--) {
                long at = start + i;
                if (buf[i] == '\n' && at != length - 1 && ++seen == lines) {
                    return at + 1;
                }
            }
            pos = start;
        }
        return 0;
    }
}
