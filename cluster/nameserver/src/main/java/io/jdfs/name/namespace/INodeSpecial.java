package io.jdfs.name.namespace;

import io.jdfs.protocol.FileType;

/** A FIFO, character or block device, or socket: metadata only (mknod), so cp -a of such trees works. */
public final class INodeSpecial extends INode {
    final FileType type;
    final long rdev;

    INodeSpecial(long id, FileType type, int mode, long rdev, long nowNanos) {
        super(id, mode, nowNanos);
        this.type = type;
        this.rdev = rdev;
    }

    public FileType type() {
        return type;
    }

    public long rdev() {
        return rdev;
    }
}
