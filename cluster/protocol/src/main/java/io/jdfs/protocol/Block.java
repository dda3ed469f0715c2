package io.jdfs.protocol;

/** A block: its id, its generation stamp (bumped when a replica's contents are recovered), its length. */
public record Block(long id, long generation, long length) {
    /** The id of a hole: a range of a sparse file never written, read as zeros and stored nowhere. */
    public static final long HOLE_ID = 0;

    /** A hole of {@code length} bytes (a truncate that grew the file, or a write past its end). */
    public static Block hole(long length) {
        return new Block(HOLE_ID, 0, length);
    }

    public boolean isHole() {
        return id == HOLE_ID;
    }

    public Block withLength(long newLength) {
        return new Block(id, generation, newLength);
    }

    @Override
    public String toString() {
        return "blk_" + id + "_" + generation + "(" + length + ")";
    }
}
