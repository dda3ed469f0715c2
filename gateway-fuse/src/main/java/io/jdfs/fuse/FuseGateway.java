package io.jdfs.fuse;

import io.jdfs.client.DfsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A cluster mounted as a local directory: the file system and its mount.
 * {@link #close()} commits files still open for writing, unmounts and waits until the mount is gone.
 */
public final class FuseGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FuseGateway.class);

    private final JdfsFuse fs;
    private final Mounter mounter;
    private final MountOptions options;
    private boolean closed;

    private FuseGateway(JdfsFuse fs, Mounter mounter, MountOptions options) {
        this.fs = fs;
        this.mounter = mounter;
        this.options = options;
    }

    /** Mounts the cluster {@code client} talks to at {@code mountPoint}. The client stays the caller's. */
    public static FuseGateway mount(DfsClient client, Path mountPoint, MountOptions options) throws IOException {
        if (!client.exists(options.root())) {
            throw new MountException("cannot mount: " + options.root() + " does not exist in the cluster");
        }
        JdfsFuse fs = new JdfsFuse(client, options);
        Mounter m = Mounter.mount(fs, mountPoint, options.fuseArgs("jdfs:" + client.nameServer() + options.root()),
                options.debug());
        LOG.info("{} of {} mounted at {}", options.root(), client.nameServer(), m.mountPoint());
        return new FuseGateway(fs, m, options);
    }

    public Path mountPoint() {
        return mounter.mountPoint();
    }

    public boolean isMounted() {
        return mounter.isMounted();
    }

    /** Handles the kernel holds open (files and directories). */
    public int openHandles() {
        return fs.openHandles();
    }

    @Override
    public synchronized void close() throws MountException {
        if (closed) {
            return;
        }
        closed = true;
        int open = fs.openHandles();
        int failed = fs.commitAll();
        if (failed > 0) {
            LOG.error("{} file(s) open for writing could not be committed before unmount", failed);
        } else if (open > 0) {
            LOG.warn("{} file(s) or directories still open at {}: what was written to them is committed",
                    open, mounter.mountPoint());
        }
        mounter.unmount();
    }
}
