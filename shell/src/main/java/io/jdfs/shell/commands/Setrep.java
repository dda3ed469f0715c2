package io.jdfs.shell.commands;

import io.jdfs.shell.ops.OpException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "setrep", description = "Change the replication factor of files (needs a name server that supports it).")
public final class Setrep extends Base {
    @Parameters(index = "0", paramLabel = "N", description = "Replication factor")
    int replication;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH", description = "Remote paths")
    List<String> paths;

    @Override
    protected void run() throws OpException {
        throw new OpException("not supported by this cluster version: the name server has no call to change a file's"
                + " replication (new files take put --replication " + replication + ")");
    }
}
