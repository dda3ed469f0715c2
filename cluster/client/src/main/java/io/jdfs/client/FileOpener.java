package io.jdfs.client;

import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.ClientRequest;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.PathExistsException;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** open(2) for {@link DfsClient#openFile}: O_CREAT, O_EXCL and O_TRUNC, then a read or write handle. */
final class FileOpener {
    private final DfsClient client;
    private final NameServerCalls calls;
    private final String clientId;

    FileOpener(DfsClient client, NameServerCalls calls, String clientId) {
        this.client = client;
        this.calls = calls;
        this.clientId = clientId;
    }

    /** {@code mode}: the new file's mode, umask already applied. */
    DfsFile open(String p, Set<OpenFlag> flags, int mode, long writeBackBytes, int blocksInFlight) throws IOException {
        boolean write = flags.contains(OpenFlag.WRITE) || flags.contains(OpenFlag.APPEND)
                || flags.contains(OpenFlag.TRUNCATE);
        EnumSet<OpenFlag> effective = EnumSet.noneOf(OpenFlag.class);
        effective.addAll(flags);
        if (write) {
            effective.add(OpenFlag.WRITE);
        }
        Reply.BlockLocationsReply reply = null;
        if (flags.contains(OpenFlag.CREATE)) {
            reply = create(p, flags.contains(OpenFlag.EXCLUSIVE), mode);
            if (reply != null) {
                effective.add(OpenFlag.WRITE); // a new file is open for writing until closed
            }
        }
        if (reply == null) {
            reply = write ? calls.idempotent(new ClientRequest.OpenWrite(p, clientId), Reply.BlockLocationsReply.class)
                    : calls.idempotent(new ClientRequest.OpenRead(p, clientId), Reply.BlockLocationsReply.class);
        }
        DfsFile f = new DfsFile(client, p, effective, reply, writeBackBytes, blocksInFlight);
        if (flags.contains(OpenFlag.TRUNCATE) && f.length() > 0) {
            try {
                f.truncate(0);
                f.flush();
            } catch (IOException | RuntimeException e) {
                f.close();
                throw e;
            }
        }
        return f;
    }

    /** O_CREAT: a new empty file open for writing, or null when it exists (and that is allowed). */
    private Reply.BlockLocationsReply create(String p, boolean exclusive, int mode) throws IOException {
        try {
            FileStatus s = calls.call(new ClientRequest.Create(p, false, 0, 0, mode, clientId, true),
                    Reply.StatusReply.class).status();
            return new Reply.BlockLocationsReply(s, List.of());
        } catch (PathExistsException e) {
            if (exclusive) {
                throw e;
            }
            return null;
        }
    }
}
