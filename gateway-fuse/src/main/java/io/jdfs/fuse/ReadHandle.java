package io.jdfs.fuse;

import io.jdfs.client.DfsClient;
import io.jdfs.client.DfsInputStream;
import jnr.ffi.Pointer;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A file open for reading: one cached {@link DfsInputStream}. Reads that move forward use its
 * sequential path, which fetches ahead in parallel, and copy the client's received buffers straight
 * into the kernel's request buffer (one copy, no array in between). The kernel's concurrent
 * read-ahead requests arrive slightly out of order: one behind the position but still in the
 * segment being read is served from it too; one further behind is a positional read that leaves the
 * read-ahead alone.
 */
final class ReadHandle {
    private static final com.kenai.jffi.MemoryIO MEMORY = com.kenai.jffi.MemoryIO.getInstance();

    private final DfsClient client;
    private final String path;
    private DfsInputStream in;

    ReadHandle(DfsClient client, String path) {
        this.client = client;
        this.path = path;
    }

    /**
     * Fills the kernel's buffer {@code dst} with up to {@code len} bytes from {@code offset}; fewer
     * only at the end of the file. {@code scratch} carries positional reads (at least {@code len}).
     */
    int read(long offset, Pointer dst, int len, byte[] scratch) throws IOException {
        DfsInputStream s;
        synchronized (this) {
            if (in == null) {
                in = client.open(path);
            }
            s = in;
            if (offset >= s.getPos() || s.holds(offset)) {
                if (offset != s.getPos()) {
                    s.seek(offset);
                }
                ByteBuffer target = MEMORY.newDirectByteBuffer(dst.address(), len);
                return (int) s.transferTo(len, target::put);
            }
        }
        int done = 0;
        while (done < len) {
            int n = s.pread(offset + done, scratch, done, len - done);
            if (n <= 0) {
                break;
            }
            done += n;
        }
        if (done > 0) {
            dst.put(0, scratch, 0, done);
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
