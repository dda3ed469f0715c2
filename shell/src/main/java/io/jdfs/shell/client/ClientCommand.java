package io.jdfs.shell.client;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code dfs client ...}: one-shot file operations. {@link Subcommands.Builder} adds the subcommands whenever
 * picocli builds it; {@link Subcommands#tree} with the arguments builds only the one they name.
 */
@Command(name = "client", mixinStandardHelpOptions = true, modelTransformer = Subcommands.Builder.class,
        description = "One-shot file operations against a running cluster.")
public final class ClientCommand implements Callable<Integer>, Subcommands.Parent {
    static final List<Class<?>> SUBCOMMANDS = List.of(UploadCommand.class, DownloadCommand.class, CatCommand.class,
            ListCommand.class, StatCommand.class, MkdirCommand.class, MoveCommand.class, DeleteCommand.class,
            TouchCommand.class, TestCommand.class, CountCommand.class, ChecksumCommand.class, ChmodCommand.class,
            ChownCommand.class, ChgrpCommand.class, LnCommand.class, ReadlinkCommand.class, TruncateCommand.class,
            AppendCommand.class, XattrCommand.class,
            CommandLine.HelpCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public List<Class<?>> subcommands() {
        return SUBCOMMANDS;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 1;
    }
}
