package io.jdfs.shell.client;

import io.jdfs.client.DfsClient;
import io.jdfs.protocol.Reply;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code dfs admin safemode get|enter|leave}. */
@Command(name = "safemode", mixinStandardHelpOptions = true,
        description = {"Show, enter or leave the name server's safe mode (changes refused, reads served).",
                "Exit status of 'get': 0 when off, 3 when on."})
public final class SafeModeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "ACTION", description = "get, enter or leave")
    String action;

    @Override
    public Integer call() throws IOException {
        if (!action.equals("get") && !action.equals("enter") && !action.equals("leave")) {
            throw new io.jdfs.shell.ops.OpException("safe mode action must be get, enter or leave, not '" + action + "'");
        }
        try (DfsClient c = client.connect()) {
            Reply.SafeModeReply r = c.admin().safeMode(action);
            spec.commandLine().getOut().println("safe mode is " + (r.on() ? r.status() : "off"));
            return action.equals("get") && r.on() ? 3 : 0;
        }
    }
}
