package io.jdfs.shell.ops;

/**
 * Runs a clean-up if the process is stopped (Ctrl-C, SIGTERM) while a transfer is under way, so an
 * interrupted upload or download leaves no half-written file behind. Closing it cancels the clean-up.
 */
final class OnInterrupt implements AutoCloseable {
    /** The clean-up; may throw, it is best effort. */
    interface Action {
        void run() throws Exception;
    }

    private final Thread hook;

    OnInterrupt(String name, Action action) {
        this.hook = new Thread(() -> {
            try {
                action.run();
            } catch (Exception ignored) {
                // the process is going away: nothing better to do
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran) already
        }
    }
}
