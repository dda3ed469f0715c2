package io.jdfs.cli;

import io.jdfs.cli.FsckReport.BlockReport;
import io.jdfs.cli.FsckReport.FileReport;
import io.jdfs.cli.FsckReport.Health;
import io.jdfs.client.DfsClient;
import io.jdfs.protocol.DataServerRef;
import io.jdfs.protocol.FileStatus;
import io.jdfs.protocol.LocatedBlock;
import io.jdfs.protocol.PathNotFoundException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/** Walks a subtree and checks, block by block, how many live replicas each file has. */
final class Fsck {
    private final DfsClient client;
    private final Consumer<FileReport> onFile;
    private final List<FileReport> reports = new ArrayList<>();
    private long files;
    private long openFiles;
    private long directories;
    private long blocks;
    private long healthy;
    private long under;
    private long missing;

    Fsck(DfsClient client, Consumer<FileReport> onFile) {
        this.client = client;
        this.onFile = onFile;
    }

    FsckReport run(String path) throws IOException {
        FileStatus root = client.stat(path);
        try {
            visit(root);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Health worst = missing > 0 ? Health.MISSING : under > 0 ? Health.UNDER_REPLICATED : Health.HEALTHY;
        return new FsckReport(root.path(), worst, files, openFiles, directories, blocks, healthy, under, missing,
                client.clusterStatus().liveServers(), reports);
    }

    private void visit(FileStatus s) throws IOException {
        if (!s.isDirectory()) {
            checkFile(s);
            return;
        }
        directories++;
        Iterator<FileStatus> it = client.listIterator(s.path());
        while (it.hasNext()) {
            visit(it.next());
        }
    }

    private void checkFile(FileStatus s) throws IOException {
        files++;
        List<LocatedBlock> located;
        try {
            located = client.allBlocks(s.path());
        } catch (PathNotFoundException e) {
            files--; // deleted while we walked
            return;
        }
        boolean open = !s.complete();
        openFiles += open ? 1 : 0;
        Health fileHealth = Health.HEALTHY;
        List<BlockReport> out = new ArrayList<>(located.size());
        for (LocatedBlock b : located) {
            int live = b.locations().size();
            Health h = live == 0 ? Health.MISSING : live < s.replication() ? Health.UNDER_REPLICATED : Health.HEALTHY;
            if (!open) {
                count(h);
                fileHealth = fileHealth.worst(h);
            }
            out.add(new BlockReport(b.block().id(), b.offset(), b.block().length(), live, s.replication(), h,
                    b.locations().stream().map(DataServerRef::address).toList()));
        }
        FileReport r = new FileReport(s.path(), s.length(), s.replication(), open, fileHealth, out);
        reports.add(r);
        onFile.accept(r);
    }

    private void count(Health h) {
        blocks++;
        switch (h) {
            case HEALTHY -> healthy++;
            case UNDER_REPLICATED -> under++;
            case MISSING -> missing++;
        }
    }
}
