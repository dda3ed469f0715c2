package io.jdfs.client;

import io.jdfs.protocol.FsckReport;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.ClientRequest;
import io.jdfs.protocol.Reply;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Answers the name server gives in pages (block locations, fsck), gathered whole. */
final class Pages {
    private Pages() {
    }

    static List<LocatedBlock> allBlocks(NameServerCalls calls, String path) throws IOException {
        List<LocatedBlock> out = new ArrayList<>();
        long offset = 0;
        while (true) {
            Reply.BlockLocationsReply r = calls.idempotent(new ClientRequest.GetBlockLocations(path, offset, -1),
                    Reply.BlockLocationsReply.class);
            if (r.blocks().isEmpty()) {
                return out;
            }
            for (LocatedBlock b : r.blocks()) {
                if (out.isEmpty() || b.offset() > out.get(out.size() - 1).offset()) {
                    out.add(b);
                }
            }
            LocatedBlock last = r.blocks().get(r.blocks().size() - 1);
            if (last.block().length() == 0 || last.end() >= r.status().length()) {
                return out;
            }
            offset = last.end();
        }
    }

    static FsckReport fsck(NameServerCalls calls, String p) throws IOException {
        List<FsckReport.FileHealth> files = new ArrayList<>();
        long blocks = 0, under = 0, over = 0, mis = 0, corrupt = 0, missing = 0, skip = 0;
        FsckReport page;
        do {
            page = calls.idempotent(new ClientRequest.Fsck(p, skip), Reply.FsckReply.class).report();
            files.addAll(page.files());
            blocks += page.blocks();
            under += page.underReplicated();
            over += page.overReplicated();
            mis += page.misReplicated();
            corrupt += page.corrupt();
            missing += page.missing();
            skip = page.filesVisited();
        } while (page.hasMore());
        return new FsckReport(p, files, blocks, under, over, mis, corrupt, missing, skip, false);
    }
}
