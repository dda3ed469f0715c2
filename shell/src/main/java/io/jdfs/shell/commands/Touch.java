package io.jdfs.shell.commands;

import io.jdfs.shell.client.TouchCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

@Command(name = "touch", description = "Create empty files, or set the times of existing ones to now.")
public final class Touch extends Base {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Remote paths")
    List<String> paths;

    @Override
    protected void run() throws IOException {
        for (String p : paths) {
            TouchCommand.touch(client(), s.remote(p));
        }
    }
}
