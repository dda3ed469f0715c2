package io.jdfs.shell.client;

import io.jdfs.rpc.auth.UsersFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code dfs admin user add|passwd|del}: edits the users file the name server (and WebDAV) log users in with. */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = {"Edit the users file (name:bcrypt:uid:gid[:groups]) that dfs nameserver --users reads"
                + " (it notices changes on the next login); run it where the file is.",
                "The password is asked on the terminal, or read from env JDFS_PASSWORD or one line of stdin."},
        subcommands = {UserCommand.Add.class, UserCommand.Passwd.class, UserCommand.Del.class,
                CommandLine.HelpCommand.class})
public final class UserCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing user command: add, passwd or del");
    }

    static final class FileOption {
        @Option(names = "--file", paramLabel = "FILE", defaultValue = "users",
                description = "The users file (default ./users)")
        Path file;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user with a password.")
    static final class Add implements Callable<Integer> {
        @CommandLine.Mixin
        FileOption file = new FileOption();
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--uid", required = true, paramLabel = "UID", description = "Its uid on the cluster")
        int uid;
        @Option(names = "--gid", paramLabel = "GID", description = "Its primary gid (default: the uid)")
        Integer gid;
        @Option(names = "--groups", paramLabel = "GID,GID", split = ",", description = "Other groups it is in")
        List<Integer> groups;

        @Override
        public Integer call() throws IOException {
            UsersFile.add(file.file, name, newPassword(name), uid, gid == null ? uid : gid,
                    groups == null ? List.of() : groups);
            System.out.println("added " + name + " (uid " + uid + ") to " + file.file);
            return 0;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Change a user's password.")
    static final class Passwd implements Callable<Integer> {
        @CommandLine.Mixin
        FileOption file = new FileOption();
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws IOException {
            UsersFile.passwd(file.file, name, newPassword(name));
            System.out.println("changed the password of " + name + " in " + file.file);
            return 0;
        }
    }

    @Command(name = "del", mixinStandardHelpOptions = true, description = "Remove a user (its login tokens stop working).")
    static final class Del implements Callable<Integer> {
        @CommandLine.Mixin
        FileOption file = new FileOption();
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws IOException {
            UsersFile.delete(file.file, name);
            System.out.println("removed " + name + " from " + file.file);
            return 0;
        }
    }

    /** A new password: typed twice on a terminal, else JDFS_PASSWORD or one line of stdin. */
    static String newPassword(String name) throws IOException {
        String env = System.getenv("JDFS_PASSWORD");
        if (env != null && !env.isEmpty()) {
            return env;
        }
        Console c = System.console();
        if (c != null) {
            char[] a = c.readPassword("new password for %s: ", name);
            char[] b = c.readPassword("again: ");
            if (a == null || b == null || !Arrays.equals(a, b)) {
                throw new IllegalArgumentException("the passwords differ");
            }
            return new String(a);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("no password on stdin (or set JDFS_PASSWORD)");
        }
        return line;
    }
}
