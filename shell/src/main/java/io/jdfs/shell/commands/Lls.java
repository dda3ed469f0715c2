package io.jdfs.shell.commands;

import io.jdfs.shell.Globs;
import io.jdfs.shell.ops.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

@Command(name = "lls", description = "List local files (default: the local working directory).")
public final class Lls extends Base {
    @Option(names = "-l", description = "Long format: size, time, name")
    boolean longFormat;

    @Option(names = "-h", description = "Human-readable sizes")
    boolean human;

    @Parameters(paramLabel = "LOCAL", arity = "0..*", description = "Local paths, globs allowed")
    List<String> paths;

    @Override
    protected void run() throws IOException {
        for (String arg : paths == null ? List.of(".") : paths) {
            for (Path p : Globs.local(s.lcwd(), arg)) {
                if (!Files.exists(p)) {
                    throw new java.nio.file.NoSuchFileException(p.toString());
                }
                List<Path> entries = new ArrayList<>();
                if (Files.isDirectory(p)) {
                    try (Stream<Path> st = Files.list(p)) {
                        st.sorted().forEach(entries::add);
                    }
                } else {
                    entries.add(p);
                }
                for (Path e : entries) {
                    String name = Files.isDirectory(e) ? s.styled(e.getFileName().toString(), Listing.DIR)
                            : e.getFileName().toString();
                    if (longFormat) {
                        long size = Files.isDirectory(e) ? 0 : Files.size(e);
                        out().printf("%c %10s %s %s%n", Files.isDirectory(e) ? 'd' : '-',
                                human ? Format.humanShort(size) : Long.toString(size),
                                Format.shortTime(Files.getLastModifiedTime(e).toMillis() * 1_000_000), name);
                    } else {
                        out().println(name);
                    }
                }
            }
        }
    }
}
