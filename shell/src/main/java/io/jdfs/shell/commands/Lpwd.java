package io.jdfs.shell.commands;

import picocli.CommandLine.Command;

@Command(name = "lpwd", description = "Print the local working directory.")
public final class Lpwd extends Base {
    @Override
    protected void run() {
        out().println(s.lcwd());
    }
}
