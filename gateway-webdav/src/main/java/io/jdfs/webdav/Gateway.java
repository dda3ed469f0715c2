package io.jdfs.webdav;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileStatus;
import io.jdfs.webdav.lock.LockManager;
import io.jdfs.webdav.props.DeadProperties;

import java.io.IOException;

/** What every request handler shares: the cluster client, the locks and the dead properties. */
public record Gateway(DfsClient client, LockManager locks, DeadProperties deadProperties) {

    /** stat, or null when the path does not exist (a parent that is a file counts as absent). */
    public FileStatus stat(String path) throws DavStatusException {
        try {
            return client.statOrNull(path);
        } catch (io.jdfs.protocol.NotADirectoryException e) {
            return null;
        } catch (IOException e) {
            throw DfsErrors.toStatus(e);
        }
    }
}
