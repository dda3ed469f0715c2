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

    private final BlockRecovery blocks;

    LeaseRecovery(NamespaceCore core, LeaseManager leases, ReadService reads, SafeMode safeMode, EventLog events,
                  BlockRecovery blocks) {
        this.core = core;
        this.leases = leases;
        this.reads = reads;
        this.safeMode = safeMode;
        this.events = events;
        this.blocks = blocks;
        blocks.closer(this::close);
    }

    /**
     * Recovers the files of writers whose lease expired. A hidden upload temporary is deleted (the
     * upload never finished, the target keeps its old content); any other file is closed at its last
     * block with a finalized replica, later blocks dropped, unless only its last block lacks one: that
     * one is recovered from the replicas the data servers hold ({@link BlockRecovery}) and the file
     * closed once it is. Both are logged as events. Read holds of vanished clients are dropped too.
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
                    } else if (!recoverLastBlock(f, expired.holder(), nowNanos)) {
                        close(f, expired.holder(), null, 0, null);
                    }
                } catch (DfsException e) {
                    LOG.warn("lease recovery of {} failed: {}", path, e.getMessage());
                }
            }
            blocks.poll(nowNanos);
        }
    }

    /** True when the file's only block without a finalized replica is its last one, and its recovery started. */
    private boolean recoverLastBlock(INodeFile f, String holder, long nowNanos) throws DfsException {
        List<BlockInfo> all = f.blocks();
        for (int i = 0; i < all.size(); i++) {
            BlockInfo b = all.get(i);
            if (!b.committed() && b.replicaCount() == 0) {
                return i == all.size() - 1 && blocks.start(f, b, holder, nowNanos);
            }
        }
        return false;
    }

    /** What became of the last block, for the event and the log. */
    private static String why(Block recovered, int replicas, int kept, int written, String why) {
        if (recovered != null) {
            return "last block recovered from " + replicas + " replica" + (replicas == 1 ? "" : "s") + " at "
                    + recovered.length() + " bytes";
        }
        return kept + " of " + written + " blocks had reached a data server" + (why == null ? "" : " (" + why + ")");
    }

    /**
     * Closes a vanished writer's file: with its last block {@code recovered} from {@code replicas}
     * replicas, or (null) at its last block with a finalized replica, {@code why} saying why not recovered.
     */
    private void close(INodeFile f, String holder, Block recovered, int replicas, String why) throws DfsException {
        DfsPath path = core.ns.pathOf(f.id());
        List<Block> keep = new ArrayList<>();
        long length = 0;
        for (BlockInfo b : f.blocks()) {
            if (recovered != null && b.id() == recovered.id()) {
                keep.add(recovered);
                length += recovered.length();
                break;
            }
            if (!b.committed() && b.replicaCount() == 0) {
                break; // committed blocks (and holes) of a file reopened in place are kept as they are
            }
            keep.add(b.toBlock());
            length += b.length();
        }
        int written = f.blocks().size();
        core.commit(new NamespaceRecord.CloseFile(f.id(), keep, Clock.nowNanos()));
        String what = "writer " + holder + " vanished: " + path + " closed at " + length + " bytes, "
                + why(recovered, replicas, keep.size(), written, why);
        LOG.info(what);
        events.add(ClusterEvent.Kind.LEASE_RECOVERED, String.valueOf(path), what);
    }
}
