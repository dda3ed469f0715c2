package io.jdfs.shell;

import io.jdfs.shell.ops.Failures;

import java.io.IOException;
import java.io.InputStream;

/** {@code !cmd}: runs a command of the local system in the local working directory, as sftp and ftp do. */
final class LocalCommand {
    private LocalCommand() {
    }

    static int run(String command, Session session, boolean onTerminal) {
        String cmd = command.isBlank() ? System.getenv().getOrDefault("SHELL", "/bin/sh") : command;
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", cmd).directory(session.lcwd().toFile());
        session.out().flush();
        try {
            if (onTerminal) {
                // the terminal is the child's: it reads and writes it directly (an interactive shell works)
                Process p = pb.inheritIO().start();
                return p.waitFor();
            }
            Process p = pb.redirectInput(ProcessBuilder.Redirect.INHERIT).redirectErrorStream(true).start();
            try (InputStream in = p.getInputStream()) {
                in.transferTo(session.raw());
            }
            session.raw().flush();
            return p.waitFor();
        } catch (IOException e) {
            session.err().println("!" + cmd + ": " + Failures.describe(e));
            return 127;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
