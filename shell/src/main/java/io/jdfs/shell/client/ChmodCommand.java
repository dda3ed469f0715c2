package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.ops.RemotePaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/** {@code dfs client chmod [-R] MODE PATH...}. */
@Command(name = "chmod", mixinStandardHelpOptions = true,
        description = "Change permission bits: octal (644) or symbolic (u+x, go-w, a=rX).")
public final class ChmodCommand extends ClientAction {
    @Option(names = {"-R", "--recursive"}, description = "Also everything below a directory")
    boolean recursive;

    @Parameters(index = "0", paramLabel = "MODE", description = "Octal or symbolic mode")
    String mode;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH", description = "Remote paths")
    List<String> paths;

    @Override
    protected int run(DfsClient c) throws IOException {
        Modes.apply(mode, 0, false); // a bad MODE fails before anything changes
        for (String p : paths) {
            chmod(c, c.stat(RemotePaths.normalize(p)));
        }
        return 0;
    }

    private void chmod(DfsClient c, FileStatus st) throws IOException {
        c.setMode(st.path(), Modes.apply(mode, st.mode(), st.isDirectory()));
        if (recursive && st.isDirectory()) {
            Iterator<FileStatus> it = c.listIterator(st.path());
            while (it.hasNext()) {
                chmod(c, it.next());
            }
        }
    }
}
