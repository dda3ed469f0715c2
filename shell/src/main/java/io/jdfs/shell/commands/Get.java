package io.jdfs.shell.commands;

import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.ops.FileOps;
import io.jdfs.shell.ops.OpException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

@Command(name = "get", description = "Download a remote file (or, with -r, a directory tree). Without LOCAL it lands"
        + " in the local working directory; a LOCAL directory puts it inside.")
public final class Get extends Base {
    @Option(names = {"-r", "--recursive"}, description = "Download a directory with everything in it")
    boolean recursive;

    @Option(names = {"-f", "--force"}, description = "Overwrite existing local files")
    boolean force;

    @Parameters(index = "0", paramLabel = "REMOTE", description = "Remote file or directory")
    String remote;

    @Parameters(index = "1", arity = "0..1", paramLabel = "LOCAL", description = "Local path")
    String local;

    @Override
    protected void run() throws IOException {
        FileStatus st = client().stat(s.remote(remote));
        Path dest = local == null ? null : s.local(local);
        if (st.isDirectory()) {
            if (!recursive) {
                throw new OpException(st.path() + " is a directory (use get -r)");
            }
            Path target = dest == null ? s.lcwd().resolve(name(st))
                    : Files.isDirectory(dest) ? dest.resolve(name(st)) : dest;
            int n = Copies.getTree(s, st.path(), target, force);
            out().printf("%s -> %s: %d file%s%n", st.path(), target, n, n == 1 ? "" : "s");
        } else {
            Copies.get(s, st, FileOps.downloadTarget(s.lcwd(), dest, st.name(), force), force);
        }
    }

    private static String name(FileStatus st) {
        return st.path().equals("/") ? "root" : st.name();
    }
}
