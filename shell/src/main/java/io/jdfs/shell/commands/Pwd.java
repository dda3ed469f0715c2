package io.jdfs.shell.commands;

import picocli.CommandLine.Command;

@Command(name = "pwd", description = "Print the remote working directory.")
public final class Pwd extends Base {
    @Override
    protected void run() {
        out().println(s.cwd());
    }
}
