package io.jdfs.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.util.Map;

/** Test helper: parses a dfs command line as the launcher does and hands back the command named last. */
final class Parsing {
    private Parsing() {
    }

    @SuppressWarnings("unchecked")
    static <T> T command(Map<String, String> env, String... args) {
        return (T) spec(env, args).userObject();
    }

    static CommandSpec spec(Map<String, String> env, String... args) {
        Dfs dfs = new Dfs(env);
        ParseResult pr = Dfs.commandLine(dfs).parseArgs(args);
        dfs.prepare(pr);
        ParseResult last = pr;
        while (last.subcommand() != null) {
            last = last.subcommand();
        }
        return last.commandSpec();
    }
}
