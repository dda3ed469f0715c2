package io.jdfs.shell.commands;

import io.jdfs.shell.ops.FileOps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

@Command(name = "head", description = "Print the first lines (or bytes) of a remote file.")
public final class Head extends Base {
    @Option(names = "-n", paramLabel = "LINES", description = "Lines (default 10)")
    int lines = 10;

    @Option(names = "-c", paramLabel = "BYTES", description = "Bytes instead of lines")
    long bytes = -1;

    @Parameters(paramLabel = "PATH", description = "Remote file")
    String path;

    @Override
    protected void run() throws IOException {
        String p = s.remote(path);
        FileOps.readableFile(client(), p, "");
        OutputStream out = s.raw();
        try (InputStream in = client().open(p)) {
            byte[] buf = new byte[64 * 1024];
            long left = bytes >= 0 ? bytes : Long.MAX_VALUE;
            int newlines = 0;
            int n;
            while (left > 0 && newlines < lines && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) >= 0) {
                int end = n;
                if (bytes < 0) {
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n' && ++newlines == lines) {
                            end = i + 1;
                            break;
                        }
                    }
                }
                out.write(buf, 0, end);
                left -= end;
            }
        }
        out.flush();
    }
}
