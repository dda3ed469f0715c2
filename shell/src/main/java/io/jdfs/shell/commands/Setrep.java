package io.jdfs.shell.commands;

import io.jdfs.protocol.FileStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

@Command(name = "setrep", description = "Change the replication factor of files (of every file below a directory).")
public final class Setrep extends Base {
    @Parameters(index = "0", paramLabel = "N", description = "Replication factor")
    int replication;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH", description = "Remote paths")
    List<String> paths;

    @Override
    protected void run() throws IOException {
        for (String p : paths) {
            FileStatus st = client().setReplication(s.remote(p), replication);
            s.out().println(st.path() + ": replication " + replication
                    + (st.isDirectory() ? " for every file below it" : "") + "; replicas follow in the background");
        }
    }
}
