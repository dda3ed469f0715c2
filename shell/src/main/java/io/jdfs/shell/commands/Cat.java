package io.jdfs.shell.commands;

import io.jdfs.client.DfsClient;
import io.jdfs.shell.Globs;
import io.jdfs.shell.ops.CancelledException;
import io.jdfs.shell.ops.FileOps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

@Command(name = "cat", description = "Print remote files.")
public final class Cat extends Base {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Remote files, globs allowed")
    List<String> paths;

    @Override
    protected void run() throws IOException {
        DfsClient c = client();
        OutputStream out = s.raw();
        byte[] buf = new byte[64 * 1024];
        for (String arg : paths) {
            for (String p : Globs.remote(c, s.cwd(), arg)) {
                FileOps.readableFile(c, p, "");
                try (InputStream in = c.open(p)) {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        if (s.cancelled()) {
                            throw new CancelledException("cat");
                        }
                        out.write(buf, 0, n);
                    }
                }
            }
        }
        out.flush();
    }
}
