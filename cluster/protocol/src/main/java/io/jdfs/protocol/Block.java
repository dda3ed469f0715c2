package io.jdfs.protocol;

/** A block: its id, its generation stamp (bumped when a replica's contents are recovered), its length. */
public record Block(long id, long generation, long length) {
    public Block withLength(long newLength) {
        return new Block(id, generation, newLength);
    }

    @Override
    public String toString() {
        return "blk_" + id + "_" + generation + "(" + length + ")";
    }
}
