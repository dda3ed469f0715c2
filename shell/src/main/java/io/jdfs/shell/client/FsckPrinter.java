package io.jdfs.shell.client;

import io.jdfs.protocol.TemporaryNames;
import io.jdfs.shell.client.FsckReport.BlockReport;
import io.jdfs.shell.client.FsckReport.FileReport;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The one text form of an fsck report, for {@code dfs fsck} and the shell's {@code fsck}: the files with a
 * problem and a summary; with verbose every file and block.
 */
public final class FsckPrinter {
    private FsckPrinter() {
    }

    /** {@code styleStatus} may colour the overall status (the shell on a terminal). */
    public static void print(PrintWriter out, FsckReport r, boolean verbose, UnaryOperator<String> styleStatus) {
        boolean any = false;
        for (FileReport f : r.fileReports()) {
            if (verbose || f.status() != FsckReport.Health.HEALTHY) {
                print(out, f, verbose);
                any = true;
            }
        }
        if (any) {
            out.println();
        }
        printSummary(out, r, styleStatus);
    }

    private static void print(PrintWriter out, FileReport f, boolean verbose) {
        out.printf("%s  %d bytes, replication %d, %d block%s: %s%n", f.path(), f.length(), f.replication(),
                f.blocks().size(), f.blocks().size() == 1 ? "" : "s", f.open() ? "OPEN (being written)" : f.status());
        for (BlockReport b : f.blocks()) {
            if (!verbose && b.status() == FsckReport.Health.HEALTHY) {
                continue;
            }
            out.printf("  blk_%d  offset %d  length %d  live %d/%d%s  %s%s%s%n", b.id(), b.offset(), b.length(),
                    b.liveReplicas(), b.expectedReplicas(),
                    b.decommissioningReplicas() > 0 ? " (+" + b.decommissioningReplicas() + " decommissioning)" : "",
                    b.locations(), b.corruptOn().isEmpty() ? "" : "  corrupt on " + b.corruptOn(),
                    b.flags().isEmpty() ? "" : "  " + String.join(",", b.flags()));
        }
    }

    private static void printSummary(PrintWriter out, FsckReport r, UnaryOperator<String> styleStatus) {
        out.printf("Status: %s%n", styleStatus.apply(r.status().name()));
        out.printf("  Path:                    %s%n", r.path());
        out.printf("  Files:                   %d (%d open for writing)%n", r.files(), r.openFiles());
        List<String> temporaries = r.fileReports().stream().map(FileReport::path)
                .filter(p -> TemporaryNames.isTemporary(p.substring(p.lastIndexOf('/') + 1))).toList();
        out.printf("  Upload temporaries:      %d%s%n", temporaries.size(), temporaries.isEmpty() ? ""
                : " (uploads in progress, or left by killed clients until their lease expires): "
                + String.join(", ", temporaries));
        out.printf("  Blocks:                  %d%n", r.blocks());
        out.printf("  Fully replicated blocks: %d%n", r.healthyBlocks());
        out.printf("  Under-replicated blocks: %d%n", r.underReplicatedBlocks());
        out.printf("  Over-replicated blocks:  %d%n", r.overReplicatedBlocks());
        out.printf("  Corrupt blocks:          %d%n", r.corruptBlocks());
        out.printf("  Missing blocks:          %d%n", r.missingBlocks());
        out.printf("  Live data servers:       %d%n", r.liveDataServers());
    }
}
