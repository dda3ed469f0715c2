package io.jdfs.client;

import java.io.IOException;

/** An upload written under a hidden temporary name: renamed over its target when whole, deleted when abandoned. */
final class AtomicUpload implements DfsOutputStream.Publication {
    private final DfsClient client;
    private final String temporary;
    private final String target;
    private final boolean overwrite;

    AtomicUpload(DfsClient client, String temporary, String target, boolean overwrite) {
        this.client = client;
        this.temporary = temporary;
        this.target = target;
        this.overwrite = overwrite;
    }

    /** Whether {@code target} may be written (not a directory; replaced only with {@code overwrite}). */
    static void checkTarget(io.jdfs.protocol.FileStatus existing, io.jdfs.protocol.DfsPath target, boolean overwrite)
            throws IOException {
        if (target.isRoot() || existing != null && existing.isDirectory()) {
            throw new io.jdfs.protocol.IsADirectoryException(target + " is a directory");
        }
        if (existing != null && !overwrite) {
            throw new io.jdfs.protocol.PathExistsException(target + " already exists (overwrite not requested)");
        }
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public void publish() throws IOException {
        client.rename(temporary, target, overwrite);
    }

    @Override
    public void discard() {
        client.streams().deleteQuietly(temporary);
    }
}
