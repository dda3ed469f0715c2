package io.jdfs.shell.client;

import picocli.CommandLine.Parameters;

/** An admin command that changes one data server's state (decommission, recommission). */
abstract class ServerStateCommand extends ClientAction {
    @Parameters(index = "0", paramLabel = "SERVER", description = "HOST:PORT or id of the data server")
    String server;
}
