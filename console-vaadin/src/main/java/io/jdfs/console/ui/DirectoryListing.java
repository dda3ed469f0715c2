package io.jdfs.console.ui;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A directory read page by page as the grid scrolls: the client's iterator fetches the next page
 * from the name server only when the rows already read run out, so a huge directory opens at once.
 */
final class DirectoryListing {
    private final DfsClient client;
    private final String path;
    private final List<FileStatus> read = new ArrayList<>();
    private final Consumer<Exception> onError;
    private Iterator<FileStatus> it;
    private boolean failed;

    /** {@code onError} hears of a failed read once; the listing then ends where it is. */
    DirectoryListing(DfsClient client, String path, Consumer<Exception> onError) {
        this.client = client;
        this.path = path;
        this.onError = onError;
    }

    /** Rows {@code offset} to {@code offset + limit} in name order (fewer at the end of the directory). */
    synchronized Stream<FileStatus> fetch(int offset, int limit) {
        try {
            if (!failed && it == null) {
                it = client.listIterator(path);
            }
            while (!failed && read.size() < offset + limit && it.hasNext()) {
                read.add(it.next());
            }
        } catch (IOException | UncheckedIOException e) {
            failed = true;
            onError.accept(e instanceof UncheckedIOException u ? u.getCause() : e);
        }
        int from = Math.min(offset, read.size());
        int to = Math.min(offset + limit, read.size());
        return new ArrayList<>(read.subList(from, to)).stream();
    }

    String path() {
        return path;
    }
}
