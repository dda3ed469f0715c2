package io.jdfs.shell.client;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;

/**
 * Builds a picocli command tree whole, or only along the branch a command line names. picocli reads the
 * annotations of every command it is given, and a one-shot command such as {@code dfs client upload}
 * needs one branch of a tree of some 60 commands (measured: a fifth of its start-up). Commands whose
 * subcommands are built this way list them in {@link Parent#subcommands()} instead of the annotation, and
 * name {@link Builder} as their {@code modelTransformer}: picocli then adds the subcommands whenever it
 * builds the command, so {@code new CommandLine(new ClientCommand())} has all of them (a command line
 * without its subcommands would take "list /" for unmatched arguments and run nothing).
 */
public final class Subcommands {
    /** The arguments the command being built is to serve ({@code args} null: all of it), from index {@code at}. */
    private record Branch(String[] args, int at) {
    }

    private static final Branch WHOLE = new Branch(null, 0);
    /** Set by {@link #tree} for {@link Builder} while picocli builds the tree (picocli gives it no context). */
    private static final ThreadLocal<Branch> BRANCH = new ThreadLocal<>();

    private Subcommands() {
    }

    /**
     * A command whose subcommands are added by {@link Builder}, in this order (the order help lists them).
     * Its {@code @Command} must say {@code modelTransformer = Subcommands.Builder.class}.
     */
    public interface Parent {
        List<Class<?>> subcommands();
    }

    /** The whole tree below {@code command}; the same as {@code new CommandLine(command)}. */
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
        requireBuilder(command.getClass());
        Branch outer = BRANCH.get();
        BRANCH.set(args == null ? WHOLE : new Branch(args, 0));
        try {
            return new CommandLine(command);
        } finally {
            restore(outer);
        }
    }

    /**
     * Adds a {@link Parent}'s subcommands while picocli builds it: those {@link #tree} asked for, or all
     * when the command line is built some other way. They are made by picocli's default factory (picocli
     * does not show a transformer the factory a command line was given).
     */
    public static final class Builder implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            if (!(spec.userObject() instanceof Parent parent)) {
                throw new CommandLine.InitializationException(spec.userObject().getClass().getName()
                        + " names Subcommands.Builder but is no Subcommands.Parent");
            }
            if (!spec.subcommands().isEmpty()) {
                return spec; // built: picocli applies the transformers of a new tree's subcommands once more
            }
            Branch outer = BRANCH.get();
            Branch branch = outer == null ? WHOLE : outer;
            List<Class<?>> all = parent.subcommands();
            Class<?> named = branch.args() == null ? null : named(all, branch.args(), branch.at());
            Branch below = named == null ? WHOLE : new Branch(branch.args(), branch.at() + 1);
            CommandLine.IFactory factory = CommandLine.defaultFactory();
            try {
                for (Class<?> c : named == null ? all : List.of(named)) {
                    requireBuilder(c);
                    BRANCH.set(below);
                    CommandLine sub;
                    try {
                        sub = new CommandLine(factory.create(c), factory);
                    } catch (CommandLine.InitializationException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new CommandLine.InitializationException("cannot create " + c.getName() + ": " + e, e);
                    }
                    spec.addSubcommand(sub.getCommandName(), sub);
                }
            } finally {
                restore(outer);
            }
            return spec;
        }
    }

    private static void restore(Branch outer) {
        if (outer == null) {
            BRANCH.remove();
        } else {
            BRANCH.set(outer);
        }
    }

    /** A Parent whose annotation does not name the Builder would be built without subcommands: refuse it. */
    private static void requireBuilder(Class<?> c) {
        if (!Parent.class.isAssignableFrom(c)) {
            return;
        }
        Command a = c.getAnnotation(Command.class);
        if (a == null || a.modelTransformer() != Builder.class) {
            throw new CommandLine.InitializationException(c.getName() + " is a Subcommands.Parent: its @Command"
                    + " must say modelTransformer = Subcommands.Builder.class, or picocli builds it without subcommands");
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
