package io.jdfs.shell.commands;

import io.jdfs.shell.Globs;
import io.jdfs.shell.client.CountCommand;
import io.jdfs.shell.ops.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

@Command(name = "count", description = "Count directories, files and bytes under paths (as hdfs dfs -count).")
public final class Count extends Base {
    @Option(names = "-h", description = "Human-readable sizes")
    boolean human;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Remote paths (default: the working directory)")
    List<String> paths;

    @Override
    protected void run() throws IOException {
        out().printf("%12s %12s %18s %s%n", "DIR_COUNT", "FILE_COUNT", "CONTENT_SIZE", "PATHNAME");
        for (String arg : paths == null ? List.of(".") : paths) {
            for (String p : Globs.remote(client(), s.cwd(), arg)) {
                CountCommand.Totals t = CountCommand.count(client(), client().stat(p));
                out().printf("%12d %12d %18s %s%n", t.directories(), t.files(),
                        human ? Format.humanShort(t.bytes()) : Long.toString(t.bytes()), p);
            }
        }
    }
}
