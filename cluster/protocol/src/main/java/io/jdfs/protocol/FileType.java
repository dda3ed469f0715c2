package io.jdfs.protocol;

public enum FileType {
    FILE, DIRECTORY, SYMLINK, FIFO, CHAR_DEVICE, BLOCK_DEVICE, SOCKET;

    /** A FIFO, device or socket: an inode with metadata only. */
    public boolean isSpecial() {
        return this == FIFO || this == CHAR_DEVICE || this == BLOCK_DEVICE || this == SOCKET;
    }
}
