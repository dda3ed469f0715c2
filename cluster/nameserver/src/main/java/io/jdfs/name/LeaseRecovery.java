package io.jdfs.name;

import io.jdfs.name.blocks.BlockInfo;
import io.jdfs.name.events.EventLog;
import io.jdfs.name.lease.LeaseManager;
import io.jdfs.name.namespace.Clock;
import io.jdfs.name.namespace.INodeFile;
import io.jdfs.name.namespace.NamespaceRecord;
import io.jdfs.name.safemode.SafeMode;
import io.jdfs.protocol.Block;
import io.jdfs.protocol.ClusterEvent;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.DfsPath;
import io.jdfs.protocol.TemporaryNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** What happens to the files of writers that vanished, and to the read holds of readers that did. */
final class LeaseRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseRecovery.class);

    private final NamespaceCore core;
    private final LeaseManager leases;
    private final ReadService reads;
    private final SafeMode safeMode;
    private final EventLog events;

    LeaseRecovery(NamespaceCore core, LeaseManager leases, ReadService reads, SafeMode safeMode, EventLog events) {
        this.core = core;
        this.leases = leases;
        this.reads = reads;
        this.safeMode = safeMode;
        this.events = events;
    }

    /**
     * Recovers the files of writers whose lease expired. A hidden upload temporary is deleted (the
     * upload never finished, the target keeps its old content); any other file is closed at its last
     * block with a finalized replica, later blocks dropped. Both are logged as events. Read holds of
     * vanished clients are dropped too.
     */
    void run(long nowNanos) {
        synchronized (core.lock) {
            reads.expire(nowNanos);
        }
        if (safeMode.isOn()) {
            return; // replica counts are incomplete: recovery would cut files short
        }
        synchronized (core.lock) {
            for (LeaseManager.Expired expired : leases.takeExpired(nowNanos)) {
                if (!(core.ns.byId(expired.inodeId()) instanceof INodeFile f) || !f.underConstruction()) {
                    continue;
                }
                DfsPath path = core.ns.pathOf(f.id());
                try {
                    if (path != null && TemporaryNames.isTemporary(path.name())) {
                        core.commit(new NamespaceRecord.Delete(path.toString(), false, Clock.nowNanos()));
                        String what = "upload by " + expired.holder() + " abandoned: temporary " + path
                                + " deleted, " + f.length() + " bytes discarded";
                        LOG.info(what);
                        events.add(ClusterEvent.Kind.UPLOAD_ABANDONED, path.toString(), what);
                    } else {
                        closeAbandoned(f, path, expired.holder());
                    }
                } catch (DfsException e) {
                    LOG.warn("lease recovery of {} failed: {}", path, e.getMessage());
                }
            }
        }
    }

    private void closeAbandoned(INodeFile f, DfsPath path, String holder) throws DfsException {
        List<Block> keep = new ArrayList<>();
        long length = 0;
        for (BlockInfo b : f.blocks()) {
            if (!b.committed() && b.replicaCount() == 0) {
                break; // committed blocks (and holes) of a file reopened in place are kept as they are
            }
            keep.add(b.toBlock());
            length += b.length();
        }
        int written = f.blocks().size();
        core.commit(new NamespaceRecord.CloseFile(f.id(), keep, Clock.nowNanos()));
        String what = "writer " + holder + " vanished: " + path + " closed at " + length + " bytes (" + keep.size()
                + " of " + written + " blocks had reached a data server)";
        LOG.info(what);
        events.add(ClusterEvent.Kind.LEASE_RECOVERED, String.valueOf(path), what);
    }
}
