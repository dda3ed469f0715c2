package io.jdfs.shell.client;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.jdfs.client.DfsClient;
import io.jdfs.shell.ops.RemotePaths;
import io.jdfs.protocol.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.UnaryOperator;
import java.util.concurrent.Callable;

/** {@code dfs fsck [PATH] [--json]}: exit 0 all replicated, 1 some block under-replicated, 2 some block lost. */
@Command(name = "fsck", mixinStandardHelpOptions = true,
        description = {"Check every block of every file under PATH for its live replicas.",
                "Exit status: 0 all blocks fully replicated, 1 some block under-replicated or with a corrupt"
                + " replica (or fsck failed), 2 some block without any live replica. Files open for writing are"
                + " listed, not judged."})
public final class FsckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "Where to start (default /)")
    String path;

    @Option(names = {"-v", "--verbose"}, description = "Every file and block (default: the files with a problem and a summary)")
    boolean verbose;

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
            FsckPrinter.print(out, report, verbose, UnaryOperator.identity());
        }
        return report.exitCode();
    }

}
