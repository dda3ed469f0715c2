package io.jdfs.name.fsck;

import io.jdfs.name.NamespaceService;
import io.jdfs.name.blocks.BlockInfo;
import io.jdfs.name.blocks.BlockMap;
import io.jdfs.name.replication.ReplicaCount;
import io.jdfs.name.replication.ReplicationMonitor;
import io.jdfs.protocol.Caller;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.FsckReport;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.Reply;
import io.jdfs.protocol.PathNotFoundException;
import io.jdfs.protocol.Protocol;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * File system check on the name server: walks the files under a path in name order and reports each
 * block's replicas and its flags. A page stops after {@link #MAX_BLOCKS_PER_PAGE} blocks; the caller
 * asks again skipping the files already seen. Reads the namespace through its public operations only.
 */
public final class FsckService {
    public static final int MAX_BLOCKS_PER_PAGE = 10_000;

    private final NamespaceService namespace;
    private final BlockMap blockMap;
    private final ReplicationMonitor replication;

    public FsckService(NamespaceService namespace, BlockMap blockMap, ReplicationMonitor replication) {
        this.namespace = namespace;
        this.blockMap = blockMap;
        this.replication = replication;
    }

    private static final class Page {
        final long skip;
        final List<FsckReport.FileHealth> files = new ArrayList<>();
        long visited;
        long blocks;
        long under;
        long over;
        long mis;
        long corrupt;
        long missing;
        boolean full;

        Page(long skip) {
            this.skip = skip;
        }
    }

    public FsckReport check(String path, long skipFiles) throws DfsException {
        FileStatus top = namespace.status(Caller.ROOT, path);
        if (top == null) {
            throw new PathNotFoundException(path + ": no such file or directory");
        }
        Page page = new Page(Math.max(0, skipFiles));
        if (top.isDirectory()) {
            walk(top.path(), page);
        } else {
            file(top, page);
        }
        return new FsckReport(top.path(), page.files, page.blocks, page.under, page.over, page.mis, page.corrupt,
                page.missing, page.visited, page.full);
    }

    private void walk(String dir, Page page) throws DfsException {
        String after = null;
        Reply.ListReply r;
        do {
            r = namespace.list(Caller.ROOT, dir, after, Protocol.LIST_PAGE);
            for (FileStatus s : r.entries()) {
                if (page.full) {
                    return;
                }
                if (s.isDirectory()) {
                    walk(s.path(), page);
                } else if (s.isFile()) {
                    file(s, page);
                }
            }
            after = r.entries().isEmpty() ? null : r.entries().get(r.entries().size() - 1).name();
        } while (r.hasMore() && after != null && !page.full);
    }

    private void file(FileStatus f, Page page) throws DfsException {
        if (page.blocks >= MAX_BLOCKS_PER_PAGE) {
            page.full = true;
            return;
        }
        page.visited++;
        if (page.visited <= page.skip) {
            return;
        }
        List<FsckReport.BlockHealth> out = new ArrayList<>();
        long offset = 0;
        while (true) {
            Reply.BlockLocationsReply r;
            try {
                r = namespace.reads().blockLocations(Caller.ROOT, f.path(), offset, -1);
            } catch (PathNotFoundException gone) {
                return; // deleted while we looked
            }
            for (LocatedBlock lb : r.blocks()) {
                if (lb.offset() < offset && !out.isEmpty()) {
                    continue;
                }
                // an open file's last block may still be on its way to the data servers, while its
                // writer lives; any other block with no replica is missing, open file or not
                boolean inFlight = !f.complete() && lb.end() >= r.status().length()
                        && namespace.writerActive(f.inodeId());
                out.add(block(lb, f.complete(), inFlight, page));
            }
            LocatedBlock last = r.blocks().isEmpty() ? null : r.blocks().get(r.blocks().size() - 1);
            if (last == null || last.block().length() == 0 || last.end() >= r.status().length()) {
                break;
            }
            offset = last.end();
        }
        page.files.add(new FsckReport.FileHealth(f.path(), f.replication(), !f.complete(), out));
    }

    private FsckReport.BlockHealth block(LocatedBlock lb, boolean fileComplete, boolean inFlight, Page page) {
        page.blocks++;
        BlockInfo b = blockMap.get(lb.block().id());
        Set<FsckReport.Flag> flags = EnumSet.noneOf(FsckReport.Flag.class);
        if (b == null) {
            return new FsckReport.BlockHealth(lb.block(), 0, 0, 0, List.of(), List.of(), flags);
        }
        ReplicaCount c = replication.count(b);
        Set<String> bad = replication.corruptOn(b.id());
        if (!fileComplete && !inFlight && c.missing()) {
            flags.add(FsckReport.Flag.MISSING);
            page.missing++;
        }
        if (fileComplete) {
            if (c.missing()) {
                flags.add(FsckReport.Flag.MISSING);
                page.missing++;
            } else if (c.under()) {
                flags.add(FsckReport.Flag.UNDER_REPLICATED);
                page.under++;
            } else if (c.over()) {
                flags.add(FsckReport.Flag.OVER_REPLICATED);
                page.over++;
            }
            if (!c.missing() && replication.misReplicated(b)) {
                flags.add(FsckReport.Flag.MIS_REPLICATED);
                page.mis++;
            }
        }
        if (!bad.isEmpty()) {
            flags.add(FsckReport.Flag.CORRUPT);
            page.corrupt++;
        }
        return new FsckReport.BlockHealth(lb.block(), c.live(), c.decommissioning(), c.expected(), b.replicas(),
                List.copyOf(bad), flags);
    }
}
