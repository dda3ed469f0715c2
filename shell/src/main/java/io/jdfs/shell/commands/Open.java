package io.jdfs.shell.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;

@Command(name = "open", aliases = "connect", description = "Connect to a cluster's name server (closing the current connection).")
public final class Open extends Base {
    @Parameters(paramLabel = "HOST:PORT", description = "Name server (port " + io.jdfs.protocol.Protocol.DEFAULT_NAME_SERVER_PORT + " when omitted)")
    String address;

    @Override
    protected void run() throws IOException {
        s.open(address);
        out().println("connected to " + s.address());
    }
}
