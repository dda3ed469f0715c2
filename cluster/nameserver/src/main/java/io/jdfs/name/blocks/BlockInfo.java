package io.jdfs.name.blocks;

import io.jdfs.protocol.Block;

import java.util.Arrays;
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
    /** Ids of the data servers that reported a finalized replica: an array (no list per block), shared while empty. */
    private String[] replicas = NO_REPLICAS;
    private static final String[] NO_REPLICAS = new String[0];
    /**
     * While the block is written: the servers of its pipeline (runtime state, never persisted; null once
     * committed). A writer's close may name those that acknowledged it stored; only these are believed.
     */
    private String[] pipeline;

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
        synchronized (this) {
            pipeline = null;
        }
    }

    /** The servers the block is being written to now (a new allocation or a pipeline recovery). */
    public synchronized void pipeline(List<String> serverIds) {
        pipeline = committed ? null : serverIds.toArray(new String[0]);
    }

    /** The servers of the block's current pipeline; empty once committed, or when this name server never saw it written. */
    public synchronized List<String> pipeline() {
        return pipeline == null ? List.of() : List.of(pipeline);
    }

    /** True when {@code serverId} is in the block's current pipeline. */
    public synchronized boolean inPipeline(String serverId) {
        if (pipeline != null) {
            for (String p : pipeline) {
                if (p.equals(serverId)) {
                    return true;
                }
            }
        }
        return false;
    }

    public void setLengthIfUncommitted(long reported) {
        if (!committed && reported > length) {
            length = reported;
        }
    }

    public synchronized List<String> replicas() {
        return List.of(replicas);
    }

    synchronized boolean addReplica(String serverId) {
        for (String r : replicas) {
            if (r.equals(serverId)) {
                return false;
            }
        }
        replicas = Arrays.copyOf(replicas, replicas.length + 1);
        replicas[replicas.length - 1] = serverId;
        return true;
    }

    synchronized boolean removeReplica(String serverId) {
        for (int i = 0; i < replicas.length; i++) {
            if (replicas[i].equals(serverId)) {
                String[] fewer = replicas.length == 1 ? NO_REPLICAS : new String[replicas.length - 1];
                System.arraycopy(replicas, 0, fewer, 0, i);
                System.arraycopy(replicas, i + 1, fewer, i, replicas.length - i - 1);
                replicas = fewer;
                return true;
            }
        }
        return false;
    }

    public synchronized int replicaCount() {
        return replicas.length;
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
