package io.jdfs.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.jdfs.cli.FsckReport.BlockReport;
import io.jdfs.cli.FsckReport.FileReport;
import io.jdfs.client.DfsClient;
import io.jdfs.protocol.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code dfs fsck [PATH] [--json]}: exit 0 all replicated, 1 some block under-replicated, 2 some block lost. */
@Command(name = "fsck", mixinStandardHelpOptions = true,
        description = {"Check every block of every file under PATH for its live replicas.",
                "Exit status: 0 all blocks fully replicated, 1 some block under-replicated or with a corrupt"
                + " replica (or fsck failed), 2 some block without any live replica. Files open for writing are"
                + " listed, not judged."})
final class FsckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "Where to start (default /)")
    String path;

    @Option(names = "--json", description = "Print the report as one JSON document")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        FsckReport report;
        try (DfsClient c = client.connect()) {
            report = Fsck.run(c, RemotePaths.normalize(path));
        }
        if (json) {
            out.println(Json.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } else {
            report.fileReports().forEach(f -> print(out, f));
            printSummary(out, report);
        }
        return report.exitCode();
    }

    private static void print(PrintWriter out, FileReport f) {
        out.printf("%s  %d bytes, replication %d, %d block%s: %s%n", f.path(), f.length(), f.replication(),
                f.blocks().size(), f.blocks().size() == 1 ? "" : "s", f.open() ? "OPEN (being written)" : f.status());
        for (BlockReport b : f.blocks()) {
            out.printf("  blk_%d  offset %d  length %d  live %d/%d%s  %s%s%s%n", b.id(), b.offset(), b.length(),
                    b.liveReplicas(), b.expectedReplicas(),
                    b.decommissioningReplicas() > 0 ? " (+" + b.decommissioningReplicas() + " decommissioning)" : "",
                    b.locations(), b.corruptOn().isEmpty() ? "" : "  corrupt on " + b.corruptOn(),
                    b.flags().isEmpty() ? "" : "  " + String.join(",", b.flags()));
        }
    }

    private static void printSummary(PrintWriter out, FsckReport r) {
        out.printf("%nStatus: %s%n", r.status());
        out.printf("  Path:                    %s%n", r.path());
        out.printf("  Files:                   %d (%d open for writing)%n", r.files(), r.openFiles());
        List<String> temporaries = r.fileReports().stream().map(FsckReport.FileReport::path)
                .filter(p -> io.jdfs.protocol.TemporaryNames.isTemporary(p.substring(p.lastIndexOf('/') + 1))).toList();
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
