package io.jdfs.fuse;

import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsInputStream;

import java.io.IOException;

/**
 * A file open for reading: one cached {@link DfsInputStream}. Reads that move forward use its
 * sequential path, which fetches ahead in parallel; a read behind the stream's position (the kernel
 * sends concurrent read-ahead requests slightly out of order) is a positional read that leaves the
 * read-ahead alone.
 */
final class ReadHandle {
    private final DfsClient client;
    private final String path;
    private DfsInputStream in;

    ReadHandle(DfsClient client, String path) {
        this.client = client;
        this.path = path;
    }

    /** Fills {@code b} up to {@code len} bytes from {@code offset}; fewer only at the end of the file. */
    int read(long offset, byte[] b, int len) throws IOException {
        DfsInputStream s;
        synchronized (this) {
            if (in == null) {
                in = client.open(path);
            }
            s = in;
            if (offset >= s.getPos()) {
                if (offset != s.getPos()) {
                    s.seek(offset);
                }
                int done = 0;
                while (done < len) {
                    int n = s.read(b, done, len - done);
                    if (n <= 0) {
                        break;
                    }
                    done += n;
                }
                return done;
            }
        }
        int done = 0;
        while (done < len) {
            int n = s.pread(offset + done, b, done, len - done);
            if (n <= 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    synchronized void close() {
        if (in != null) {
            in.close();
            in = null;
        }
    }
}
