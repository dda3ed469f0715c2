package io.jdfs.shell.commands;

import io.jdfs.shell.ops.FileEdits;
import io.jdfs.shell.ops.OpException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;

@Command(name = "append", aliases = "appendToFile",
        description = "Append a local file to the end of a remote one (created when missing), as hdfs dfs -appendToFile.")
public final class Append extends Base {
    @Parameters(index = "0", paramLabel = "LOCAL", description = "Local file")
    String local;

    @Parameters(index = "1", paramLabel = "REMOTE", description = "Remote file")
    String remote;

    @Override
    protected void run() throws IOException {
        if (local.equals("-")) {
            throw new OpException("the shell reads its own commands from standard input: use dfs client append - REMOTE");
        }
        String to = s.remote(remote);
        long n = FileEdits.appendFile(client(), s.local(local), to, s::cancelled);
        out().println("appended " + n + " bytes to " + to);
    }
}
