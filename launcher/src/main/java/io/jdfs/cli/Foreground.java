package io.jdfs.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/** Keeps a server in the foreground until Ctrl-C (or SIGTERM); a shutdown hook closes it cleanly. */
final class Foreground {
    private Foreground() {
    }

    static int runUntilStopped(PrintWriter out, AutoCloseable service) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                System.err.println("dfs: error while stopping: " + Failures.describe(e));
            }
        }, "jdfs-shutdown"));
        out.println("Press Ctrl-C to stop.");
        out.flush();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Wraps a start-up failure (port in use, unreadable directory) in a message that says what failed. */
    static CliException cannotStart(String what, Exception e) {
        return new CliException("cannot start " + what + ": " + Failures.describe(e));
    }
}
