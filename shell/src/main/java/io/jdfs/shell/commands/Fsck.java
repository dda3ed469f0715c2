package io.jdfs.shell.commands;

import io.jdfs.shell.client.FsckPrinter;
import io.jdfs.shell.client.FsckReport;
import org.jline.utils.AttributedStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;

/** The shell's fsck: the same report as {@code dfs fsck} ({@link FsckPrinter}). */
@Command(name = "fsck", description = "Check the files under a path: every block's live replicas. Fails when a block"
        + " is under-replicated or corrupt (1) or missing (2).")
public final class Fsck extends Base {
    @Option(names = {"-v", "--verbose"}, description = "Every file and block (default: the files with a problem and a summary)")
    boolean verbose;

    @Parameters(paramLabel = "PATH", arity = "0..1", description = "Remote path (default /)")
    String path;

    @Override
    protected void run() throws IOException {
        FsckReport r = io.jdfs.shell.client.Fsck.run(client(), path == null ? "/" : s.remote(path));
        FsckPrinter.print(out(), r, verbose, status -> s.styled(status, AttributedStyle.BOLD.foreground(
                r.status() == FsckReport.Health.HEALTHY ? AttributedStyle.GREEN : AttributedStyle.RED)));
        status = r.exitCode();
    }
}
