package io.jdfs.cli;

/** A failure the user caused or can fix: printed as one line, "dfs: message", exit code 1. */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }
}
