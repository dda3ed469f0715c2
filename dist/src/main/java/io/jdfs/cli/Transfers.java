package io.jdfs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Stream copies with a buffer large enough to keep several blocks in flight. */
final class Transfers {
    private static final int BUFFER = 1 << 20;

    private Transfers() {
    }

    static long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[BUFFER];
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
            total += n;
        }
        return total;
    }
}
