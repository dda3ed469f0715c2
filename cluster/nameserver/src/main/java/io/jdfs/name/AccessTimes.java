package io.jdfs.name;

import io.jdfs.name.namespace.Clock;
import io.jdfs.name.namespace.INodeFile;
import io.jdfs.name.namespace.NamespaceRecord;
import io.jdfs.protocol.DfsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access times as Linux's relatime: a read moves atime only when it is not newer than mtime or
 * ctime, or is a day old, so reading a file costs no journal write most of the time. The record is
 * not waited for: an access time lost to a crash is no harm.
 */
final class AccessTimes {
    private static final Logger LOG = LoggerFactory.getLogger(AccessTimes.class);
    static final long DAY_NANOS = 24L * 3600 * 1_000_000_000L;

    private final NamespaceCore core;

    AccessTimes(NamespaceCore core) {
        this.core = core;
    }

    static boolean due(long atime, long mtime, long ctime, long now) {
        return atime <= mtime || atime <= ctime || now - atime >= DAY_NANOS;
    }

    /** Called under the namespace lock when a file is opened for reading. */
    void read(INodeFile f) {
        long now = Clock.nowNanos();
        if (!due(f.atimeNanos(), f.mtimeNanos(), f.ctimeNanos(), now)) {
            return;
        }
        try {
            core.commit(new NamespaceRecord.Accessed(f.id(), now));
        } catch (DfsException e) {
            LOG.debug("access time of inode {} not updated: {}", f.id(), e.getMessage()); // safe mode: reads go on
        }
    }
}
