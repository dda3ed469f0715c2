package io.jdfs.client;

import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.ClientRequest;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.Protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A directory listing fetched one page (5,000 entries) at a time as it is iterated, so a directory of
 * any size never sits whole in memory. Failures after the first page surface as {@link UncheckedIOException}.
 */
final class DirectoryPages implements Iterator<FileStatus> {
    private final NameServerCalls calls;
    private final String path;
    private List<FileStatus> page;
    private boolean more;
    private int i;

    DirectoryPages(NameServerCalls calls, String path, String startAfter) throws IOException {
        this.calls = calls;
        this.path = path;
        Reply.ListReply first = calls.idempotent(new ClientRequest.ListDir(path, startAfter, Protocol.LIST_PAGE),
                Reply.ListReply.class);
        this.page = first.entries();
        this.more = first.hasMore();
    }

    @Override
    public boolean hasNext() {
        if (i < page.size()) {
            return true;
        }
        if (!more || page.isEmpty()) {
            return false;
        }
        try {
            Reply.ListReply r = calls.idempotent(new ClientRequest.ListDir(path, page.get(page.size() - 1).name(),
                    Protocol.LIST_PAGE), Reply.ListReply.class);
            page = r.entries();
            more = r.hasMore();
            i = 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return i < page.size();
    }

    @Override
    public FileStatus next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.get(i++);
    }
}
