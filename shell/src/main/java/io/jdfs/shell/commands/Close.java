package io.jdfs.shell.commands;

import picocli.CommandLine.Command;

@Command(name = "close", aliases = "disconnect", description = "Close the connection to the cluster.")
public final class Close extends Base {
    @Override
    protected void run() {
        if (s.connected()) {
            out().println("disconnected from " + s.address());
        }
        s.disconnect();
    }
}
