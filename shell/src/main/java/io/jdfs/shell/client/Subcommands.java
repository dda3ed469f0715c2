package io.jdfs.shell.client;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/**
 * Builds a picocli command tree whole, or only along the branch a command line names. picocli reads the
 * annotations of every command it is given, and a one-shot command such as {@code dfs client upload}
 * needs one branch of a tree of some 60 commands (measured: a fifth of its start-up). Commands whose
 * subcommands are built this way list them in {@link Parent#subcommands()} instead of the annotation.
 */
public final class Subcommands {
    private Subcommands() {
    }

    /** A command whose subcommands are added by {@link #tree}, in this order (the order help lists them). */
    public interface Parent {
        List<Class<?>> subcommands();
    }

    /** The whole tree below {@code command}. */
    public static CommandLine tree(Object command) {
        return tree(command, null);
    }

    /**
     * The tree below {@code command} as far as {@code args} needs it: where the next argument names a
     * subcommand (by name or alias), only that one is built; where it does not (an option first, a
     * misspelt or missing name, help), all of them, so usage, suggestions and errors are as with the
     * whole tree. {@code args} null builds the whole tree.
     */
    public static CommandLine tree(Object command, String[] args) {
        CommandLine cl = new CommandLine(command);
        add(cl, args, 0);
        return cl;
    }

    private static void add(CommandLine cl, String[] args, int at) {
        if (!(cl.getCommand() instanceof Parent parent)) {
            return;
        }
        List<Class<?>> all = parent.subcommands();
        Class<?> named = args == null ? null : named(all, args, at);
        for (Class<?> c : named == null ? all : List.of(named)) {
            CommandLine sub;
            try {
                sub = new CommandLine(cl.getFactory().create(c), cl.getFactory());
            } catch (Exception e) {
                throw new CommandLine.InitializationException("cannot create " + c.getName() + ": " + e, e);
            }
            add(sub, named == null ? null : args, at + 1);
            cl.addSubcommand(sub);
        }
    }

    /** The subcommand {@code args[at]} names, or null to build them all. */
    private static Class<?> named(List<Class<?>> all, String[] args, int at) {
        if (at >= args.length || args[at].startsWith("-")) {
            return null;
        }
        for (Class<?> c : all) {
            Command a = c.getAnnotation(Command.class);
            if (a == null) {
                return null;
            }
            if (a.name().equals(args[at]) || List.of(a.aliases()).contains(args[at])) {
                return c == CommandLine.HelpCommand.class ? null : c; // help describes its siblings
            }
        }
        return null;
    }
}
