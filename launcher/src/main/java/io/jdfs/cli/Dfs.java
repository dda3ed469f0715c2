package io.jdfs.cli;

import io.jdfs.shell.client.AdminCommand;
import io.jdfs.shell.client.ClientCommand;
import io.jdfs.shell.client.ClientSettings;
import io.jdfs.shell.client.FsckCommand;
import io.jdfs.shell.client.Subcommands;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code dfs}: the JDFS launcher. Each role and each client action is a subcommand. */
@Command(name = "dfs", mixinStandardHelpOptions = true, versionProvider = Dfs.Version.class,
        modelTransformer = Subcommands.Builder.class,
        description = {"JDFS, a parallel distributed file system.",
                "Settings: defaults < config file (--config) < flags < environment (JDFS_<KEY>)."})
public final class Dfs implements Callable<Integer>, ClientSettings, Subcommands.Parent {
    /** The commands, in the order help lists them; added by {@link Subcommands.Builder}. */
    static final List<Class<?>> SUBCOMMANDS = List.of(NameServerCommand.class, DataServerCommand.class,
            ClientCommand.class, ShellCommand.class, FsckCommand.class, LocalCommand.class, MountCommand.class,
            AdminCommand.class, BenchCommand.class, WebDavCommand.class, CommandLine.HelpCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Java properties file with settings (env JDFS_CONFIG)")
    Path config;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Debug logging and stack traces on errors")
    boolean debug;

    private final Map<String, String> env;
    private Settings settings;
    private boolean debugging;

    public Dfs() {
        this(System.getenv());
    }

    Dfs(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new Dfs(), args).execute(args));
    }

    @Override
    public List<Class<?>> subcommands() {
        return SUBCOMMANDS;
    }

    /** The whole command line with dfs' error handling: one line on stderr, exit code 1. */
    static CommandLine commandLine(Dfs dfs) {
        return commandLine(dfs, null);
    }

    /**
     * The command line with dfs' error handling, with the commands {@code args} needs: {@code dfs client
     * upload ...} builds no other command (start-up time of one-shot commands); {@code argv} null: every command.
     */
    static CommandLine commandLine(Dfs dfs, String[] argv) {
        CommandLine cl = Subcommands.tree(dfs, argv);
        SettingOptions.install(cl);
        setVersionEverywhere(cl, new Version());
        cl.setExecutionStrategy(pr -> {
            try {
                dfs.prepare(pr);
            } catch (CliException e) {
                cl.getErr().println("dfs: " + Failures.describe(e));
                return 1;
            }
            Logging.configure(pr, dfs.debugging);
            return new CommandLine.RunLast().execute(pr);
        });
        cl.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("dfs: " + oneLine(e.getMessage()) + " (see '"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return 1;
        });
        cl.setExecutionExceptionHandler((e, c, pr) -> {
            PrintWriter err = c.getErr();
            err.println("dfs: " + Failures.describe(e));
            if (dfs.debugging) {
                e.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        return cl;
    }

    private static void setVersionEverywhere(CommandLine cl, Version version) {
        cl.getCommandSpec().versionProvider(version);
        cl.getSubcommands().values().forEach(sub -> setVersionEverywhere(sub, version));
    }

    /** Reads the options every command inherits (they may be given on any level) and loads the settings. */
    void prepare(ParseResult pr) {
        Path configFile = null;
        boolean d = envFlag("JDFS_DEBUG");
        for (ParseResult p = pr; p != null; p = p.subcommand()) {
            d |= p.hasMatchedOption("--debug");
            if (p.hasMatchedOption("--config")) {
                configFile = p.matchedOptionValue("--config", null);
            }
        }
        String envConfig = env.get("JDFS_CONFIG");
        if (envConfig != null && !envConfig.isBlank()) {
            configFile = Path.of(envConfig.trim());
        }
        this.debugging = d;
        this.settings = Settings.load(configFile, env);
    }

    private boolean envFlag(String name) {
        String v = env.get(name);
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"));
    }

    Settings settings() {
        if (settings == null) {
            settings = Settings.load(null, env);
        }
        return settings;
    }

    @Override
    public String setting(String key, String flagValue, String defaultValue) {
        return settings().get(key, flagValue, defaultValue);
    }

    /** The settings of the dfs invocation a (sub)command belongs to. */
    static Settings settings(CommandSpec anyCommand) {
        return ((Dfs) anyCommand.root().userObject()).settings();
    }

    static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 1;
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Dfs.class.getPackage().getImplementationVersion();
            return new String[]{"JDFS " + (v == null ? "(development build)" : v),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
