package io.jdfs.fuse;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * An open directory. Entries are streamed page by page from the name server, so a huge directory is
 * never held whole; the kernel's offset is the number of entries handed out so far ("." and ".."
 * are the first two). A request at another offset (rewinddir, seekdir) restarts the listing.
 */
final class DirHandle implements OpenFiles.Handle {
    /** One directory entry; {@code status} is null for "." and "..". */
    record Entry(String name, FileStatus status) {
    }

    private final DfsClient client;
    private final String path;
    private Iterator<FileStatus> it;
    private Entry peeked;
    private long position;

    DirHandle(DfsClient client, String path) {
        this.client = client;
        this.path = path;
    }

    String path() {
        return path;
    }

    long position() {
        return position;
    }

    /** Restarts the listing and skips to {@code offset}. */
    void seek(long offset) throws IOException {
        it = null;
        peeked = null;
        position = 0;
        while (position < offset && peek() != null) {
            advance();
        }
    }

    /** The entry at the current position, or null at the end. */
    Entry peek() throws IOException {
        if (peeked != null) {
            return peeked;
        }
        if (position == 0) {
            peeked = new Entry(".", null);
        } else if (position == 1) {
            peeked = new Entry("..", null);
        } else {
            try {
                if (it == null) {
                    it = client.listIterator(path);
                }
                while (it.hasNext()) {
                    FileStatus s = it.next();
                    if (!FusePaths.isTemp(s.name())) {
                        peeked = new Entry(s.name(), s);
                        break;
                    }
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return peeked;
    }

    void advance() {
        peeked = null;
        position++;
    }
}
