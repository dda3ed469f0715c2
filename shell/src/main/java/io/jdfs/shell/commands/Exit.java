package io.jdfs.shell.commands;

import picocli.CommandLine.Command;

@Command(name = "exit", aliases = {"quit", "bye"}, description = "Leave the shell (Ctrl-D does too).")
public final class Exit extends Base {
    @Override
    protected void run() {
        s.requestExit();
    }
}
