package io.jdfs.shell.client;

import io.jdfs.common.Sizes;
import io.jdfs.shell.ops.Transfer;
import picocli.CommandLine.Option;

/** The options upload and download share: whole trees, how many files at once, a rate limit, overwriting. */
public final class TransferOptions {
    @Option(names = {"-r", "--recursive"}, description = "Copy a directory with everything in it")
    boolean recursive;

    @Option(names = {"-j", "--threads"}, paramLabel = "N", defaultValue = "4",
            description = "Files copied at once with -r (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = {"-l", "--limit"}, paramLabel = "RATE", description = "At most RATE bytes per second per file (e.g. 20m)")
    String limit;

    @Option(names = {"-f", "--force"}, description = "Overwrite existing files at the target")
    boolean force;

    /** A quiet transfer (no progress bar) at the rate limit, if one was given. */
    Transfer transfer() {
        return limit == null ? Transfer.quiet() : Transfer.quiet().withLimit(Sizes.parseBytes(limit));
    }
}
