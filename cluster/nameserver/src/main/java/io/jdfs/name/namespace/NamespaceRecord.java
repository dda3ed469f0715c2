package io.jdfs.name.namespace;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.jdfs.protocol.Block;

import java.util.List;

/**
 * One namespace mutation, as journaled and replayed. Records carry every value that is not a pure
 * function of the state (ids, times), so applying the same records gives the same namespace.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
public sealed interface NamespaceRecord {
    /** Creates the directory and any missing parents; {@code firstId} numbers them top-down. */
    record Mkdirs(String path, int mode, long firstId, long timeNanos, int uid, int gid) implements NamespaceRecord {
    }

    /** {@code uid}, {@code gid}: the creator's (a setgid parent passes its own group on instead). */
    record CreateFile(String path, long inodeId, boolean overwrite, int replication, long blockSize, int mode,
                      String writer, long timeNanos, int uid, int gid) implements NamespaceRecord {
    }

    record AddBlock(long inodeId, int index, long blockId, long generation) implements NamespaceRecord {
    }

    /**
     * Closes a file with its final blocks (a writer's complete, or lease recovery); {@code timeNanos} is
     * its new mtime: the writer's last write, bounded ({@code Clock.mtimeAtCommit}), or the close's time.
     */
    record CloseFile(long inodeId, List<Block> blocks, long timeNanos) implements NamespaceRecord {
    }

    /** A writer takes the lease of an existing, closed file to change it in place. */
    record ReopenFile(long inodeId, String writer, long timeNanos) implements NamespaceRecord {
    }

    /** A block for a file open for writing that is not yet in its block list (copy-on-write). */
    record AllocateBlock(long inodeId, long blockId, long generation) implements NamespaceRecord {
    }

    /**
     * A writer's changes swapped in at once: the file has {@code blockCount} blocks, those named in
     * {@code changed} replaced (allocated blocks or holes), later ones dropped; {@code close} ends the lease.
     * {@code timeNanos}: the mtime if anything changed, as in {@link CloseFile}.
     */
    record CommitWrite(long inodeId, int blockCount, List<io.jdfs.protocol.IndexedBlock> changed, boolean close,
                       long timeNanos) implements NamespaceRecord {
    }

    record Rename(String source, String target, boolean overwrite, long timeNanos) implements NamespaceRecord {
    }

    /** renameat2(RENAME_EXCHANGE): the two names swap their inodes at once. */
    record Exchange(String first, String second, long timeNanos) implements NamespaceRecord {
    }

    record Delete(String path, boolean recursive, long timeNanos) implements NamespaceRecord {
    }

    record SetTimes(String path, long mtimeNanos, long atimeNanos, long timeNanos) implements NamespaceRecord {
    }

    /** A read moved the access time (relatime); unlike {@link SetTimes}, ctime stays. */
    record Accessed(long inodeId, long atimeNanos) implements NamespaceRecord {
    }

    record SetMode(String path, int mode, long timeNanos) implements NamespaceRecord {
    }

    /** ln -s: a symbolic link at {@code path} pointing to {@code target}. */
    record Symlink(String path, String target, long inodeId, long timeNanos, int uid, int gid) implements NamespaceRecord {
    }

    /** ln: one more name ({@code path}) for the inode named {@code existing} (never a directory). */
    record Link(String existing, String path, long timeNanos) implements NamespaceRecord {
    }

    /** mknod/mkfifo: a FIFO, device or socket (metadata only). */
    record MakeNode(String path, io.jdfs.protocol.FileType type, int mode, long rdev, long inodeId, long timeNanos,
                    int uid, int gid) implements NamespaceRecord {
    }

    /** chown/chgrp: -1 keeps a value; {@code clearSetId} drops setuid and setgid (a change by a non-superuser). */
    record SetOwner(String path, int uid, int gid, boolean clearSetId, long timeNanos) implements NamespaceRecord {
    }

    record SetReplication(String path, int replication, long timeNanos) implements NamespaceRecord {
    }

    /** Sets an extended attribute; {@code flag} is {@link Xattrs#CREATE}, {@link Xattrs#REPLACE} or 0 (either). */
    record SetXattr(String path, String name, byte[] value, int flag, long timeNanos) implements NamespaceRecord {
    }

    record RemoveXattr(String path, String name, long timeNanos) implements NamespaceRecord {
    }

    // ---- self-healing (issue 4) ----

    /** Pipeline recovery gave a block of an open file a new generation stamp. */
    record BumpGeneration(long inodeId, long blockId, long generation) implements NamespaceRecord {
    }
}
