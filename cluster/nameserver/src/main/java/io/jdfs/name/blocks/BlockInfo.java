package io.jdfs.name.blocks;

import io.jdfs.protocol.Block;

import java.util.ArrayList;
import java.util.List;

/**
 * A block of a file as the name server knows it: id, generation and length are namespace state
 * (journaled); the replica locations are runtime state rebuilt from block reports, never persisted.
 */
public final class BlockInfo {
    private final long id;
    private long generation;
    private long length;
    private final long fileId;
    private volatile short replication;
    private boolean committed;
    /** Ids of the data servers that reported a finalized replica. */
    private final List<String> replicas = new ArrayList<>(2);

    public BlockInfo(long id, long generation, long fileId, int replication) {
        this.id = id;
        this.generation = generation;
        this.fileId = fileId;
        this.replication = (short) replication;
    }

    /** The file's replication factor changed. */
    public void expectedReplication(int r) {
        this.replication = (short) r;
    }

    /** The replication factor of the file this block belongs to. */
    public int expectedReplication() {
        return replication;
    }

    public long id() {
        return id;
    }

    public long generation() {
        return generation;
    }

    public long length() {
        return length;
    }

    public long fileId() {
        return fileId;
    }

    /** True once the writer closed the file with this block's final length. */
    public boolean committed() {
        return committed;
    }

    public void commit(long finalLength) {
        this.length = finalLength;
        this.committed = true;
    }

    public void setLengthIfUncommitted(long reported) {
        if (!committed && reported > length) {
            length = reported;
        }
    }

    public synchronized List<String> replicas() {
        return List.copyOf(replicas);
    }

    synchronized boolean addReplica(String serverId) {
        if (replicas.contains(serverId)) {
            return false;
        }
        replicas.add(serverId);
        return true;
    }

    synchronized boolean removeReplica(String serverId) {
        return replicas.remove(serverId);
    }

    public synchronized int replicaCount() {
        return replicas.size();
    }

    /** Pipeline recovery: a newer generation marks the replicas of the old one stale. */
    public void generation(long newGeneration) {
        if (newGeneration <= generation) {
            throw new IllegalArgumentException("generation " + newGeneration + " is not newer than " + generation);
        }
        this.generation = newGeneration;
    }

    public Block toBlock() {
        return new Block(id, generation, length);
    }
}
