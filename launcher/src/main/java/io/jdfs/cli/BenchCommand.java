package io.jdfs.cli;

import io.jdfs.bench.Bench;
import io.jdfs.bench.BenchOptions;
import io.jdfs.bench.Progress;
import io.jdfs.bench.Report;
import io.jdfs.common.Sizes;
import io.jdfs.shell.client.ClientOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code dfs bench}: the benchmark suite, each figure beside a local limit measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure JDFS beside this machine's limits: write, read, parallel, small, heal, meta, webdav, rewrite, cli, fuse, tls.",
                "Every figure is the median of --repeat runs, printed with a local limit measured in the same run"
                + " and their ratio. heal, meta and tls need --local (tls: a second cluster with TLS, against plain TCP). Exit 1 when a suite fails."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Option(names = "--local", description = "Start a cluster in this process (3 data servers, replication 2, 4 MiB blocks)")
    boolean local;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every sample as JSON to FILE")
    Path json;

    @Option(names = "--size", paramLabel = "SIZE", description = "Large file size (default 1g; smoke 16m)")
    String size;

    @Option(names = "--repeat", paramLabel = "N", description = "Repetitions of every figure (default 3; smoke 1)")
    Integer repeat;

    @Option(names = "--clients", paramLabel = "N", description = "Clients of the parallel suite (default 4)")
    Integer clients;

    @Option(names = "--files", paramLabel = "N",
            description = "Files the meta suite creates (default 100000; smoke 2000); e.g. 1000000 for the scale figures")
    Integer files;

    @Option(names = "--smoke", description = "Tiny sizes, one repetition (CI): 16 MiB, 100 small files, meta 2,000 files")
    boolean smoke;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Scratch directory on this machine's disk: local limits and --local data (default /var/tmp)")
    Path dir;

    @Option(names = "--heartbeat", paramLabel = "DURATION", description = "--local heartbeat interval (default 1s)")
    String heartbeat;

    @Option(names = "--dead-after", paramLabel = "DURATION",
            description = "--local: a data server silent this long is dead (default 6s)")
    String deadAfter;

    @Parameters(paramLabel = "SUITE", arity = "0..*",
            description = "Suites to run (default all): write read parallel small heal meta webdav rewrite cli fuse tls")
    List<String> suites;

    @Override
    public Integer call() throws Exception {
        Path scratch = dir != null ? dir : Files.isDirectory(Path.of("/var/tmp")) ? Path.of("/var/tmp")
                : Path.of(System.getProperty("java.io.tmpdir"));
        BenchOptions o;
        try {
            o = BenchOptions.defaults(local ? null : client.config(), local, scratch.toAbsolutePath());
            o = smoke ? o.smokeSized() : o;
            o = o.withSuites(suites == null ? List.of() : suites)
                    .withLiveness(heartbeat == null ? 1_000 : Sizes.parseMillis(heartbeat),
                            deadAfter == null ? 6_000 : Sizes.parseMillis(deadAfter));
            o = size == null ? o : o.withSize(Sizes.parseBytes(size));
            o = repeat == null ? o : o.withRepeat(repeat);
            o = clients == null ? o : o.withClients(clients);
            o = files == null ? o : o.withMetaFiles(files);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        Report report = Bench.run(o, new Progress(System.err, System.console() != null));
        PrintWriter out = spec.commandLine().getOut();
        out.print(report.table());
        out.flush();
        if (json != null) {
            report.writeJson(json);
            out.println("samples written to " + json);
        }
        return report.failed().isEmpty() ? 0 : 1;
    }
}
