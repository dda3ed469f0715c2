package io.jdfs.fuse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who the files look owned by: mounted as root, the owners the cluster keeps; mounted by a normal
 * user, every file shows as that user's (as the issue asks), since the kernel checks modes against them.
 */
record Owner(int uid, int gid) {
    /** The user and group this process runs as (the owner of /proc/self). */
    static Owner ofThisProcess() {
        try {
            Path self = Path.of("/proc/self");
            return new Owner((Integer) Files.getAttribute(self, "unix:uid"), (Integer) Files.getAttribute(self, "unix:gid"));
        } catch (IOException | UnsupportedOperationException e) {
            return new Owner(0, 0);
        }
    }

    /** Mounted as root, files show (and chown changes) the owners the cluster keeps; else the mounting user's. */
    boolean showsRealOwners() {
        return uid == 0;
    }

    /** Whether a chown to (uid, gid) changes nothing; -1 (as unsigned) means "leave as is". */
    boolean unchangedBy(long newUid, long newGid) {
        return (newUid == -1 || newUid == 0xFFFFFFFFL || newUid == uid)
                && (newGid == -1 || newGid == 0xFFFFFFFFL || newGid == gid);
    }
}
