package io.jdfs.shell.commands;

import io.jdfs.shell.ops.FileOps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

@Command(name = "mkdir", description = "Create remote directories.")
public final class Mkdir extends Base {
    @Option(names = {"-p", "--parents"}, description = "Create missing parents; fine when it exists")
    boolean parents;

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Remote directories")
    List<String> dirs;

    @Override
    protected void run() throws IOException {
        for (String d : dirs) {
            FileOps.mkdir(client(), s.remote(d), parents);
        }
    }
}
