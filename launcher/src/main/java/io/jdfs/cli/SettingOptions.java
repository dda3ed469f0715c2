package io.jdfs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;

/**
 * Makes the flags of commands from their {@link Setting} definitions: name, label, converter and the help
 * line with the default all come from the definition. picocli gets no default value of its own, so a flag
 * left out reads as null and the config file and the default still apply ({@link Settings#get}).
 */
final class SettingOptions {
    private SettingOptions() {
    }

    /** A command whose flags are defined as settings. */
    interface Configurable {
        List<Setting<?>> settings();
    }

    /** Adds the flags of every {@link Configurable} command in the tree below {@code cl}. */
    static void install(CommandLine cl) {
        install(cl, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private static void install(CommandLine cl, java.util.Set<CommandLine> done) {
        if (!done.add(cl)) {
            return; // a command is listed once more under each alias
        }
        if (cl.getCommand() instanceof Configurable c) {
            for (Setting<?> s : c.settings()) {
                cl.getCommandSpec().addOption(option(s));
            }
        }
        cl.getSubcommands().values().forEach(sub -> install(sub, done));
    }

    static OptionSpec option(Setting<?> s) {
        return OptionSpec.builder(s.names().toArray(String[]::new))
                .paramLabel(s.label())
                .type(s.type().javaType())
                .converters(s.type())
                .description(s.description())
                .build();
    }

    /** The converted value given to the setting's flag on this command, or null. */
    @SuppressWarnings("unchecked")
    static <T> T flag(CommandSpec command, Setting<T> s) {
        OptionSpec o = command.findOption(s.flag());
        if (o == null) {
            throw new IllegalStateException(command.qualifiedName() + " has no flag " + s.flag() + " for " + s.key());
        }
        return (T) o.getValue();
    }
}
