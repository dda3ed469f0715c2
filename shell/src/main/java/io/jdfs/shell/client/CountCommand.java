package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.ops.Format;
import io.jdfs.shell.ops.RemotePaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/** {@code dfs client count PATH...}: as {@code hdfs dfs -count}: directories, files, bytes. */
@Command(name = "count",
        description = "Count the directories, files and bytes under each path (the path itself included).")
public final class CountCommand extends ClientAction {
    @Option(names = "--help", usageHelp = true, description = "Show this help and exit")
    boolean help;

    @Option(names = "-h", description = "Human-readable sizes (1.5K, 12M, 3.2G)")
    boolean human;

    @Option(names = {"-H", "--header"}, description = "Print a header line")
    boolean header;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Remote paths (default /)")
    List<String> paths;

    /** The totals of a tree. */
    public record Totals(long directories, long files, long bytes) {
        Totals plus(Totals o) {
            return new Totals(directories + o.directories, files + o.files, bytes + o.bytes);
        }
    }

    @Override
    protected int run(DfsClient c) throws IOException {
        if (header) {
            out().printf("%12s %12s %18s %s%n", "DIR_COUNT", "FILE_COUNT", "CONTENT_SIZE", "PATHNAME");
        }
        for (String p : paths == null ? List.of("/") : paths) {
            String path = RemotePaths.normalize(p);
            Totals t = count(c, c.stat(path));
            out().printf("%12d %12d %18s %s%n", t.directories(), t.files(),
                    human ? Format.humanShort(t.bytes()) : Long.toString(t.bytes()), path);
        }
        return 0;
    }

    public static Totals count(DfsClient c, FileStatus st) throws IOException {
        if (!st.isDirectory()) {
            return new Totals(0, 1, st.length());
        }
        Totals t = new Totals(1, 0, 0);
        Iterator<FileStatus> it = c.listIterator(st.path());
        while (it.hasNext()) {
            t = t.plus(count(c, it.next()));
        }
        return t;
    }
}
