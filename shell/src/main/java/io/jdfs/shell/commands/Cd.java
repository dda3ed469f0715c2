package io.jdfs.shell.commands;

import io.jdfs.protocol.FileStatus;
import io.jdfs.shell.ops.OpException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;

@Command(name = "cd", description = "Change the remote working directory (default /; '-' the previous one).")
public final class Cd extends Base {
    @Parameters(paramLabel = "DIR", arity = "0..1", description = "Remote directory")
    String dir;

    @Override
    protected void run() throws IOException {
        String target = dir == null ? "/" : dir.equals("-") ? s.previousCwd() : s.remote(dir);
        FileStatus st = client().stat(target);
        if (!st.isDirectory()) {
            throw new OpException(target + ": not a directory");
        }
        s.cd(target);
    }
}
