package io.jdfs.protocol;

import java.util.List;

/** Client -> name server: the namespace, reading and writing files, health. */
public sealed interface ClientRequest extends Message {
    record Mkdirs(String path, int mode) implements ClientRequest {
    }

    record GetStatus(String path) implements ClientRequest {
    }

    /** One page of a directory, names after {@code startAfter} in order. */
    record ListDir(String path, String startAfter, int limit) implements ClientRequest {
    }

    record Delete(String path, boolean recursive) implements ClientRequest {
    }

    record Rename(String source, String target, boolean overwrite) implements ClientRequest {
    }

    /** renameat2(RENAME_EXCHANGE): two existing names swap their inodes atomically. */
    record Exchange(String first, String second) implements ClientRequest {
    }

    /** utimensat: a negative time leaves that time unchanged; {@code noFollow} applies it to a final symlink itself (AT_SYMLINK_NOFOLLOW). */
    record SetTimes(String path, long mtimeNanos, long atimeNanos, boolean noFollow) implements ClientRequest {
    }

    record SetMode(String path, int mode) implements ClientRequest {
    }

    /** lstat: the status of a symlink itself, not of what it points to. */
    record GetLinkStatus(String path) implements ClientRequest {
    }

    /** ln -s TARGET PATH. */
    record CreateSymlink(String target, String path) implements ClientRequest {
    }

    /** ln: a hard link {@code path} to the inode at {@code existing}; answers the new name's status. */
    record CreateLink(String existing, String path) implements ClientRequest {
    }

    /** mkfifo/mknod: a FIFO, device (with its rdev) or socket, as metadata. */
    record MakeNode(String path, FileType type, int mode, long rdev) implements ClientRequest {
    }

    /** chown/chgrp; -1 keeps a value. */
    record SetOwner(String path, int uid, int gid, boolean noFollow) implements ClientRequest {
    }

    /** Sets the replication factor of a file, or of every file below a directory. */
    record SetReplication(String path, int replication) implements ClientRequest {
    }

    /** Creates a file open for writing; missing parent directories are made too unless {@code noParents} (open(2)). */
    record Create(String path, boolean overwrite, int replication, long blockSize, int mode, String clientId,
                  boolean noParents) implements ClientRequest {
        public Create(String path, boolean overwrite, int replication, long blockSize, int mode, String clientId) {
            this(path, overwrite, replication, blockSize, mode, clientId, false);
        }
    }

    /**
     * Create and the first block's allocation in one call (one round trip, one journal group): a
     * {@link Create} that also answers with block 0 and its pipeline, or with no block when none can
     * be placed now (the writer asks again with {@link AddBlock}, which reports why).
     */
    record CreateWithBlock(String path, boolean overwrite, int replication, long blockSize, int mode,
                           String clientId) implements ClientRequest {
        public Create toCreate() {
            return new Create(path, overwrite, replication, blockSize, mode, clientId);
        }
    }

    /** Allocates block number {@code index} of an open file and the servers to write it to. */
    record AddBlock(String path, long inodeId, String clientId, int index, List<String> excludeServers)
            implements ClientRequest {
    }

    /**
     * Closes a file with its blocks' final lengths; answers false while blocks are still being finalized. {@code storedOn} (may be null or shorter than
     * {@code blocks}): per block, the servers whose pipeline acknowledged it as durably stored; the name
     * server takes them as the block's replicas instead of waiting for their reports.
     * {@code lastWriteAgeNanos}: how long ago the writer last wrote, on its monotonic clock when it sent
     * this, so the name server dates the write on its own clock (the file's mtime: now - age, bounded);
     * 0, as an older client's missing field reads, means the commit time. {@code lastWriteNanos}: the
     * writer's wall-clock time of that write (0: none), kept instead when it agrees with now - age
     * (the writer's clock is right), so the mtime is exactly what its mount showed before the commit.
     */
    record Complete(String path, long inodeId, String clientId, List<Block> blocks, List<List<String>> storedOn,
                    long lastWriteNanos, long lastWriteAgeNanos) implements ClientRequest {
        public Complete(String path, long inodeId, String clientId, List<Block> blocks) {
            this(path, inodeId, clientId, blocks, null, 0, 0);
        }

        public Complete(String path, long inodeId, String clientId, List<Block> blocks, List<List<String>> storedOn) {
            this(path, inodeId, clientId, blocks, storedOn, 0, 0);
        }

        /** The servers the writer saw store block {@code i}, or none. */
        public List<String> storedOn(int i) {
            return storedOn == null || i >= storedOn.size() || storedOn.get(i) == null ? List.of() : storedOn.get(i);
        }
    }

    record RenewLease(String clientId) implements ClientRequest {
    }

    /**
     * Opens an existing file for writing in place: takes the file's lease (one writer at a time; the
     * error names the holder) and answers its status and first blocks. Changes are made with
     * {@link AllocateBlock} and {@link CommitWrite}; readers see the last committed version until then.
     */
    record OpenWrite(String path, String clientId) implements ClientRequest {
    }

    /** A new block for a file open for writing, not yet part of it: written, then swapped in by {@link CommitWrite}. */
    record AllocateBlock(String path, long inodeId, String clientId, List<String> excludeServers)
            implements ClientRequest {
    }

    /**
     * Makes a writer's changes visible and durable at once: the file gets {@code blockCount} blocks,
     * those in {@code changed} replaced (blocks from {@link AllocateBlock}, or holes), the others kept
     * (later ones dropped: a truncate). {@code close} also gives up the lease. Answers false while a
     * new block has no finalized replica reported yet (the writer asks again). {@code lastWriteNanos}
     * and {@code lastWriteAgeNanos}: as in {@link Complete}, when the last change committed here was made.
     */
    record CommitWrite(String path, long inodeId, String clientId, int blockCount, List<IndexedBlock> changed,
                       boolean close, long lastWriteNanos, long lastWriteAgeNanos) implements ClientRequest {
        public CommitWrite(String path, long inodeId, String clientId, int blockCount, List<IndexedBlock> changed,
                           boolean close) {
            this(path, inodeId, clientId, blockCount, changed, close, 0, 0);
        }
    }

    record GetBlockLocations(String path, long offset, long length) implements ClientRequest {
    }

    /**
     * Opens a file for reading: the reply is its status and first blocks, and the name server keeps
     * the inode's blocks for this client (a "read hold") even if the path is replaced or deleted,
     * until {@link ReleaseRead} or the client's lease expires.
     */
    record OpenRead(String path, String clientId) implements ClientRequest {
    }

    /** More locations of a file opened with {@link OpenRead}, asked by inode id, never by path. */
    record LocateOpened(long inodeId, String path, String clientId, long offset) implements ClientRequest {
    }

    /** The reader closed: the name server may drop the blocks of a replaced or deleted file. */
    record ReleaseRead(long inodeId, String clientId) implements ClientRequest {
    }

    /** All extended attributes of a path (names and values; listing is the key set). */
    record GetXattrs(String path) implements ClientRequest {
    }

    /** setxattr(2): {@code flag} 0 sets either way, 1 only creates, 2 only replaces. */
    record SetXattr(String path, String name, byte[] value, int flag) implements ClientRequest {
    }

    record RemoveXattr(String path, String name) implements ClientRequest {
    }

    record ReportBadReplica(long blockId, String serverId) implements ClientRequest {
    }

    /**
     * Logs in (clusters with a users file): with the password, or with a valid login token to renew it.
     * The connection it is sent on acts as that user from the reply on.
     */
    record Login(String user, String password, String token) implements ClientRequest {
        @Override
        public String toString() {
            return "Login[" + user + "]"; // never the password or token
        }
    }

    record GetClusterStatus() implements ClientRequest {
    }

    /** The name server's running totals (the meters its /metrics serves), for charts of rates. */
    record GetMeters() implements ClientRequest {
    }

    /**
     * A writer lost the head of a block's pipeline: the name server bumps the block's generation (so
     * replicas of the old one are recognised as stale) and answers a new pipeline in a LocatedBlockReply.
     * With {@code ackedLength} 0 the pipeline is chosen afresh (the writer sends the block from its
     * start); above 0 it is the servers of {@code pipeline} (the broken one, by id) that did not fail,
     * which resume at {@code ackedLength}: the writer no longer holds what was acknowledged.
     */
    record RecoverBlock(String path, long inodeId, String clientId, long blockId, List<String> failedServers,
                        long ackedLength, List<String> pipeline) implements ClientRequest {
        public RecoverBlock(String path, long inodeId, String clientId, long blockId, List<String> failedServers) {
            this(path, inodeId, clientId, blockId, failedServers, 0, null);
        }
    }

    /** Recent cluster events with a sequence number above {@code afterSeq}, oldest first. */
    record GetEvents(long afterSeq, int limit) implements ClientRequest {
    }

    /** Checks the files under {@code path}, skipping the first {@code skipFiles} of the walk (paging). */
    record Fsck(String path, long skipFiles) implements ClientRequest {
    }
}
