package io.jdfs.shell.commands;

import io.jdfs.shell.ops.OpException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Map;
import java.util.TreeMap;

@Command(name = "help", aliases = "?", description = "List the commands, or show how to use one.")
public final class Help extends Base {
    @Parameters(paramLabel = "COMMAND", arity = "0..1", description = "A command")
    String command;

    @Override
    protected void run() throws OpException {
        CommandLine root = spec.parent().commandLine();
        if (command != null) {
            CommandLine sub = root.getSubcommands().get(command);
            if (sub == null) {
                throw new OpException("no command '" + command + "' (help lists them)");
            }
            usage(sub, s);
            return;
        }
        Map<String, String> lines = new TreeMap<>();
        root.getSubcommands().forEach((name, cl) -> {
            if (cl.getCommandName().equals(name)) {
                String[] d = cl.getCommandSpec().usageMessage().description();
                lines.put(name, d.length == 0 ? "" : d[0]);
            }
        });
        out().println("Commands (help COMMAND for details; remote paths are relative to pwd, local ones to lpwd):");
        lines.forEach((name, d) -> out().printf("  %-8s %s%n", name, d));
        out().println("Tab completes commands, options and paths. Ctrl-C cancels a transfer, Ctrl-D leaves.");
    }
}
