package io.jdfs.shell.ops;

import io.jdfs.client.DfsClient;
import picocli.CommandLine.Option;

import java.io.IOException;

/** The options of {@code truncate -s SIZE [-c] PATH...} (as coreutils): one mixin for both front ends. */
public final class TruncateArgs {
    @Option(names = {"-s", "--size"}, required = true, paramLabel = "SIZE",
            description = "New size: 10m, 4K, 1GB; +N extends, -N shortens, <N at most, >N at least,"
                    + " /N and %N round down and up to a multiple of N")
    String size;

    @Option(names = {"-c", "--no-create"}, description = "Do not create missing files")
    boolean noCreate;

    /** Truncates one resolved path; false when it was missing and -c said not to create it. */
    public boolean apply(DfsClient c, String resolved) throws IOException {
        return FileEdits.truncate(c, resolved, SizeChange.parse(size), noCreate);
    }
}
