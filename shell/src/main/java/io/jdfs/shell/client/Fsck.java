package io.jdfs.shell.client;

import io.jdfs.shell.client.FsckReport.BlockReport;
import io.jdfs.shell.client.FsckReport.FileReport;
import io.jdfs.shell.client.FsckReport.Health;
import io.jdfs.client.DfsClient;
import io.jdfs.protocol.ClusterStatus;
import io.jdfs.protocol.DataServerInfo;
import io.jdfs.protocol.FsckReport.BlockHealth;
import io.jdfs.protocol.FsckReport.FileHealth;
import io.jdfs.protocol.FsckReport.Flag;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Runs the name server's check of the files under a path ({@link DfsClient#fsck}) and turns it into the
 * CLI's report: block offsets, server addresses instead of ids, a health per block, per file and overall.
 */
public final class Fsck {
    private Fsck() {
    }

    public static FsckReport run(DfsClient client, String path) throws IOException {
        io.jdfs.protocol.FsckReport r = client.admin().fsck(path);
        ClusterStatus cluster = client.clusterStatus();
        Map<String, String> addresses = new HashMap<>();
        for (DataServerInfo s : cluster.servers()) {
            addresses.put(s.id(), s.address());
        }
        List<FileReport> files = new ArrayList<>();
        long open = 0;
        long healthy = 0;
        for (FileHealth f : r.files()) {
            FileReport report = file(f, addresses);
            files.add(report);
            open += f.underConstruction() ? 1 : 0;
            healthy += f.underConstruction() ? 0
                    : report.blocks().stream().filter(b -> b.status() == Health.HEALTHY).count();
        }
        Health status = r.missing() > 0 ? Health.MISSING : r.corrupt() > 0 ? Health.CORRUPT
                : r.underReplicated() > 0 ? Health.UNDER_REPLICATED : Health.HEALTHY;
        return new FsckReport(r.path(), status, r.filesVisited(), open, r.blocks(), healthy, r.underReplicated(),
                r.overReplicated(), r.corrupt(), r.missing(), cluster.liveServers(), files);
    }

    private static FileReport file(FileHealth f, Map<String, String> addresses) {
        List<BlockReport> blocks = new ArrayList<>(f.blocks().size());
        Health fileHealth = Health.HEALTHY;
        long offset = 0;
        for (BlockHealth b : f.blocks()) {
            Health h = health(b);
            if (!f.underConstruction() || h == Health.MISSING) { // a lost block is lost, open file or not
                fileHealth = fileHealth.worst(h);
            }
            TreeSet<String> flags = new TreeSet<>();
            b.flags().forEach(flag -> flags.add(flag.name()));
            blocks.add(new BlockReport(b.block().id(), offset, b.block().length(), b.liveReplicas(),
                    b.decommissioning(), b.expected(), h, flags,
                    b.locations().stream().map(id -> addresses.getOrDefault(id, id)).toList(),
                    b.corruptOn().stream().map(id -> addresses.getOrDefault(id, id)).toList()));
            offset += b.block().length();
        }
        return new FileReport(f.path(), offset, f.replication(), f.underConstruction(), fileHealth, blocks);
    }

    private static Health health(BlockHealth b) {
        if (b.flags().contains(Flag.MISSING)) {
            return Health.MISSING;
        }
        if (b.flags().contains(Flag.CORRUPT)) {
            return Health.CORRUPT;
        }
        return b.flags().contains(Flag.UNDER_REPLICATED) ? Health.UNDER_REPLICATED : Health.HEALTHY;
    }
}
