package io.jdfs.cli;

import picocli.CommandLine.ParseResult;

/**
 * Chooses the log level of io.jdfs before logback starts (it reads {@code jdfs.log.level} in logback.xml):
 * INFO for servers, WARN for one-shot commands (client, fsck) so they print only their output,
 * DEBUG with --debug. A level given with -Djdfs.log.level wins over the quiet default. One-shot client
 * commands get logback.xml's configuration from {@link QuickLogging} (no XML read at start-up).
 */
final class Logging {
    static final String LEVEL_PROPERTY = "jdfs.log.level";

    private Logging() {
    }

    static void configure(ParseResult pr, boolean debug) {
        for (ParseResult p = pr; p != null; p = p.subcommand()) {
            String name = p.commandSpec().name();
            if (name.equals("client") || name.equals("fsck")) {
                System.setProperty(QuickLogging.PROPERTY, "true");
            }
        }
        if (debug) {
            System.setProperty(LEVEL_PROPERTY, "DEBUG");
            return;
        }
        if (System.getProperty(LEVEL_PROPERTY) != null) {
            return;
        }
        for (ParseResult p = pr; p != null; p = p.subcommand()) {
            String name = p.commandSpec().name();
            if (name.equals("client") || name.equals("fsck") || name.equals("bench") || name.equals("shell")
                    || (name.equals("local") && LocalCommand.dropsIntoShell())) {
                System.setProperty(LEVEL_PROPERTY, "WARN");
                return;
            }
        }
    }
}
