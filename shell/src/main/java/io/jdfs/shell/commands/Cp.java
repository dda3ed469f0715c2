package io.jdfs.shell.commands;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.ops.OpException;
import io.jdfs.shell.ops.RemotePaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;

@Command(name = "cp", description = "Copy a file (or, with -r, a directory tree) inside the cluster: read and write again.")
public final class Cp extends Base {
    @Option(names = {"-r", "--recursive"}, description = "Copy a directory with everything in it")
    boolean recursive;

    @Option(names = {"-f", "--force"}, description = "Overwrite existing files")
    boolean force;

    @Parameters(index = "0", paramLabel = "SRC", description = "Remote source")
    String source;

    @Parameters(index = "1", paramLabel = "DST", description = "Remote destination (a directory: inside it)")
    String target;

    @Override
    protected void run() throws IOException {
        DfsClient c = client();
        FileStatus st = c.stat(s.remote(source));
        String dst = RemotePaths.into(c, s.remote(target), target.endsWith("/"),
                st.path().equals("/") ? "root" : st.name());
        if (dst.equals(st.path()) || dst.startsWith(st.path().equals("/") ? "/" : st.path() + "/")) {
            throw new OpException("cannot copy " + st.path() + " into itself");
        }
        if (st.isDirectory()) {
            if (!recursive) {
                throw new OpException(st.path() + " is a directory (use cp -r)");
            }
            int n = Copies.copyTree(s, st.path(), dst, force);
            out().printf("%s -> %s: %d file%s%n", st.path(), dst, n, n == 1 ? "" : "s");
        } else {
            Copies.copy(s, st, dst, force);
        }
    }
}
