package io.jdfs.protocol;

/** A block at a position in a file's block list (its {@code index}-th block). */
public record IndexedBlock(int index, Block block) {
}
