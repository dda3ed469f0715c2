package io.jdfs.shell.client;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dfs admin ...}: operator commands against a running cluster. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Operate a running cluster: safe mode, decommissioning, events.",
        subcommands = {SafeModeCommand.class, DecommissionCommand.class, RecommissionCommand.class,
                EventsCommand.class, CertsCommand.class, UserCommand.class, CommandLine.HelpCommand.class})
public final class AdminCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing admin command");
    }
}
