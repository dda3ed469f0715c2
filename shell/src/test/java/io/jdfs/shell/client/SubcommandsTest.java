package io.jdfs.shell.client;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A {@link Subcommands.Parent} has its subcommands however picocli is asked to build it: the plain
 * {@code new CommandLine(new ClientCommand())} (which once had none, so "list /" was an unmatched argument
 * and a test ran nothing) has the whole tree, {@link Subcommands#tree} with arguments only their branch,
 * and a Parent that cannot get its subcommands is refused when it is built, not when it is run.
 */
class SubcommandsTest {
    private static List<String> names(CommandLine cl) {
        return List.copyOf(cl.getSubcommands().keySet());
    }

    @Test
    void thePlainCommandLineHasEverySubcommand() {
        CommandLine plain = new CommandLine(new ClientCommand());
        assertThat(names(plain)).contains("upload", "put", "list", "ls", "delete", "rm", "xattr", "help")
                .containsExactlyElementsOf(names(Subcommands.tree(new ClientCommand())));
        assertThat(plain.getSubcommands().get("ls")).isSameAs(plain.getSubcommands().get("list"));
        assertThat(plain.getSubcommands().get("list").getParent()).isSameAs(plain);
    }

    @Test
    void thePlainCommandLineRunsASubcommand() {
        CommandLine plain = new CommandLine(new ClientCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        plain.setOut(new PrintWriter(out, true));
        plain.setErr(new PrintWriter(err, true));
        assertThat(plain.execute("rm", "--help")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Usage: client delete ");
        assertThat(plain.parseArgs("ls", "/a").subcommand().commandSpec().name()).isEqualTo("list");
    }

    @Test
    void argumentsBuildOnlyTheBranchTheyName() {
        CommandLine one = Subcommands.tree(new ClientCommand(), new String[]{"ls", "-l", "/"});
        assertThat(names(one)).containsExactly("list", "ls");
        assertThat(one.parseArgs("ls", "/").subcommand().commandSpec().name()).isEqualTo("list");
        // no name, an option first, a misspelt name or help: everything, for usage and suggestions
        for (String[] args : List.of(new String[0], new String[]{"--help"}, new String[]{"lst"}, new String[]{"help", "ls"})) {
            assertThat(names(Subcommands.tree(new ClientCommand(), args))).as(String.join(" ", args)).contains("upload", "list", "help");
        }
    }

    @Test
    void theBranchDoesNotLeakIntoTheNextCommandLine() {
        Subcommands.tree(new ClientCommand(), new String[]{"ls"});
        assertThat(names(new CommandLine(new ClientCommand()))).contains("upload", "list");
    }

    /** A Parent whose annotation forgets the Builder: picocli would build it without subcommands. */
    @Command(name = "forgetful")
    static final class Forgetful implements Subcommands.Parent, Runnable {
        @Override
        public List<Class<?>> subcommands() {
            return List.of(ListCommand.class);
        }

        @Override
        public void run() {
        }
    }

    /** A Parent whose forgetful child would be built empty. */
    @Command(name = "outer", modelTransformer = Subcommands.Builder.class)
    static final class Outer implements Subcommands.Parent, Runnable {
        @Override
        public List<Class<?>> subcommands() {
            return List.of(Forgetful.class);
        }

        @Override
        public void run() {
        }
    }

    @Test
    void aParentWithoutTheBuilderIsRefusedWhenBuilt() {
        assertThatThrownBy(() -> Subcommands.tree(new Forgetful()))
                .isInstanceOf(CommandLine.InitializationException.class)
                .hasMessageContaining("Forgetful").hasMessageContaining("modelTransformer = Subcommands.Builder.class");
        assertThatThrownBy(() -> new CommandLine(new Outer()))
                .isInstanceOf(CommandLine.InitializationException.class).hasMessageContaining("Forgetful");
    }
}
