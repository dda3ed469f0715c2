package io.jdfs.client;

import io.jdfs.client.internal.BlockReader;
import io.jdfs.client.internal.BlockWriter;
import io.jdfs.client.internal.WriteBudget;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.IndexedBlock;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.ClientRequest;
import io.jdfs.protocol.Reply;
import io.jdfs.rpc.DataConnections;
import io.jdfs.rpc.RpcClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls the streams and file handles of one {@link DfsClient} make (blocks, completes, commits,
 * locations of opened files, read holds), and the open ones themselves: while any is open the
 * client's lease is renewed, and with it their read holds; closing the client aborts or closes them.
 */
final class StreamCalls {
    private static final Logger LOG = LoggerFactory.getLogger(StreamCalls.class);
    private static final long COMPLETE_TIMEOUT_MILLIS = 60_000;

    private final RpcClient rpc;
    private final NameServerCalls calls;
    private final DataConnections data;
    private final BlockReader reader;
    private final String clientId;
    private final Set<DfsOutputStream> openStreams = ConcurrentHashMap.newKeySet();
    private final Set<DfsInputStream> openReaders = ConcurrentHashMap.newKeySet();
    private final Set<DfsFile> openFiles = ConcurrentHashMap.newKeySet();

    StreamCalls(RpcClient rpc, NameServerCalls calls, DataConnections data, BlockReader reader, String clientId) {
        this.rpc = rpc;
        this.calls = calls;
        this.data = data;
        this.reader = reader;
        this.clientId = clientId;
    }

    void opened(DfsOutputStream out) {
        openStreams.add(out);
    }

    void opened(DfsInputStream in) {
        openReaders.add(in);
    }

    void opened(DfsFile f) {
        openFiles.add(f);
    }

    BlockReader blockReader() {
        return reader;
    }

    LocatedBlock addBlock(String path, long inodeId, int index) throws IOException {
        return calls.idempotent(new ClientRequest.AddBlock(path, inodeId, clientId, index, List.of()),
                Reply.LocatedBlockReply.class).block();
    }

    LocatedBlock allocateBlock(String path, long inodeId) throws IOException {
        return calls.call(new ClientRequest.AllocateBlock(path, inodeId, clientId, List.of()),
                Reply.LocatedBlockReply.class).block();
    }

    BlockWriter newBlockWriter(LocatedBlock lb, WriteBudget budget, String path, long inodeId) {
        return new BlockWriter(lb, data, budget, clientId, (block, failed, acked, pipeline) -> rpc.call(
                new ClientRequest.RecoverBlock(path, inodeId, clientId, block.id(), failed, acked, pipeline))
                .thenApply(m -> ((Reply.LocatedBlockReply) m).block()));
    }

    /**
     * @param storedOn per block, the servers whose pipeline acknowledged it (the name server need not wait for their reports)
     * @param last the last write, the file's mtime (its age taken as each try is sent)
     */
    void complete(String path, long inodeId, List<Block> blocks, List<List<String>> storedOn, LastWrite last)
            throws IOException {
        calls.untilTrue(() -> new ClientRequest.Complete(path, inodeId, clientId, blocks, storedOn, last.wallNanos(),
                last.ageNanos()), "close " + path, COMPLETE_TIMEOUT_MILLIS);
    }

    void commitWrite(String path, long inodeId, int blockCount, List<IndexedBlock> changed, boolean close,
                     LastWrite last) throws IOException {
        calls.untilTrue(() -> new ClientRequest.CommitWrite(path, inodeId, clientId, blockCount, changed, close,
                last.wallNanos(), last.ageNanos()), "write " + path, COMPLETE_TIMEOUT_MILLIS);
    }

    /** Locations of an opened file, by inode: the version opened, whatever now has its path. */
    Reply.BlockLocationsReply locateOpened(long inodeId, String path, long offset) throws IOException {
        return calls.idempotent(new ClientRequest.LocateOpened(inodeId, path, clientId, offset),
                Reply.BlockLocationsReply.class);
    }

    /** Deletes an abandoned upload's temporary without waiting; lease recovery deletes it if this fails. */
    void deleteQuietly(String path) {
        rpc.call(new ClientRequest.Delete(path, false)).exceptionally(e -> {
            LOG.debug("deleting the temporary {} failed: {}", path, e.toString());
            return null;
        });
    }

    void streamClosed(DfsOutputStream s) {
        openStreams.remove(s);
    }

    void readerClosed(DfsInputStream in, long inodeId) {
        if (openReaders.remove(in)) {
            releaseRead(inodeId);
        }
    }

    void fileClosed(DfsFile f) {
        if (openFiles.remove(f)) {
            releaseRead(f.inodeId());
        }
    }

    private void releaseRead(long inodeId) {
        rpc.call(new ClientRequest.ReleaseRead(inodeId, clientId)).exceptionally(e -> {
            LOG.debug("releasing the read hold on inode {} failed: {}", inodeId, e.toString());
            return null; // the hold lapses with the lease anyway
        });
    }

    void renewLease() {
        if (!openStreams.isEmpty() || !openReaders.isEmpty() || !openFiles.isEmpty()) {
            rpc.call(new ClientRequest.RenewLease(clientId)).exceptionally(e -> {
                LOG.debug("lease renewal failed: {}", e.toString());
                return null;
            });
        }
    }

    /** The client crashes (tests): open writes stop as a killed process's do, nothing is closed or aborted. */
    void crashAll() {
        for (DfsOutputStream s : openStreams) {
            s.crash();
        }
    }

    /** The client closes: streams being written are abandoned, file handles commit what they have. */
    void closeAll() {
        for (DfsOutputStream s : openStreams) {
            s.abort();
        }
        for (DfsFile f : openFiles) {
            try {
                f.close();
            } catch (IOException e) {
                LOG.warn("closing {} failed: {}", f.path(), e.getMessage());
            }
        }
    }
}
