package io.jdfs.shell.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * How one copy runs: who watches its progress, whether it is limited to a rate, and whether the user
 * cancelled it. {@link #cancel()} may be called from any thread (a Ctrl-C handler); the copying thread
 * notices it between chunks or, when blocked, through the interrupt the caller sends.
 */
public final class Transfer {
    private static final int BUFFER = 1 << 20;

    /** Watches a copy. Called on the copying thread. */
    public interface Listener {
        /** {@code total} is -1 when unknown. */
        default void started(String name, long total) {
        }

        default void advanced(long done) {
        }

        /** The copy ended, well ({@code ok}) or not. */
        default void finished(long done, long nanos, boolean ok) {
        }
    }

    private final Listener listener;
    private final long bytesPerSecond;
    private volatile boolean cancelled;
    private long start = System.nanoTime();
    private long done;

    public Transfer(Listener listener, long bytesPerSecond) {
        this.listener = listener == null ? new Listener() { } : listener;
        this.bytesPerSecond = bytesPerSecond;
    }

    /** No progress display, no limit: what the one-shot commands use. */
    public static Transfer quiet() {
        return new Transfer(null, 0);
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean cancelled() {
        return cancelled;
    }

    public Transfer withLimit(long rate) {
        return new Transfer(listener, rate);
    }

    void checkCancelled(String what) throws CancelledException {
        if (cancelled) {
            throw new CancelledException(what);
        }
    }

    /** Copies everything, in chunks large enough to keep several blocks in flight, at most at the rate limit. */
    long copy(InputStream in, OutputStream out, String name, long total) throws IOException {
        int chunk = bytesPerSecond > 0 ? (int) Math.max(4096, Math.min(BUFFER, bytesPerSecond / 10)) : BUFFER;
        byte[] buf = new byte[chunk];
        done = 0;
        start = System.nanoTime();
        listener.started(name, total);
        try {
            int n;
            while (true) {
                checkCancelled(name);
                n = in.read(buf);
                if (n < 0) {
                    break;
                }
                checkCancelled(name);
                out.write(buf, 0, n);
                done += n;
                listener.advanced(done);
                throttle(done, start, name);
            }
            return done;
        } catch (InterruptedIOException e) {
            if (cancelled && !(e instanceof CancelledException)) {
                throw new CancelledException(name);
            }
            throw e;
        }
    }

    /**
     * Copies a local file into a remote one, read straight into the client's packets (no copy into an
     * array and out again, nor through the JDK's temporary direct buffer), at most at the rate limit.
     */
    long copy(java.nio.channels.ReadableByteChannel in, io.jdfs.client.DfsOutputStream out, String name, long total)
            throws IOException {
        return pump(name, total, chunk -> out.transferFrom(in, chunk));
    }

    /**
     * Copies a remote file into a local one with the client's own buffers handed to the file channel
     * (no copy into an array and out again into the JDK's temporary direct buffer), at most at the rate limit.
     */
    long copy(io.jdfs.client.DfsInputStream in, java.nio.channels.FileChannel out, String name, long total)
            throws IOException {
        return pump(name, total, chunk -> {
            long n = in.transferTo(chunk, b -> {
                while (b.hasRemaining()) {
                    out.write(b);
                }
            });
            return n == 0 ? -1 : n;
        });
    }

    /** One step of a channel copy: moves up to {@code chunk} bytes; -1 at the end. */
    @FunctionalInterface
    private interface Step {
        long move(long chunk) throws IOException;
    }

    /** Runs a channel copy step by step: progress, the rate limit, and cancelling (Ctrl-C) between steps. */
    private long pump(String name, long total, Step step) throws IOException {
        long chunk = bytesPerSecond > 0 ? Math.max(4096, Math.min(BUFFER, bytesPerSecond / 10)) : 4L * BUFFER;
        done = 0;
        start = System.nanoTime();
        listener.started(name, total);
        try {
            while (true) {
                checkCancelled(name);
                long n = step.move(chunk);
                if (n < 0) {
                    return done;
                }
                done += n;
                listener.advanced(done);
                throttle(done, start, name);
            }
        } catch (InterruptedIOException e) {
            if (cancelled && !(e instanceof CancelledException)) {
                throw new CancelledException(name);
            }
            throw e;
        } catch (java.nio.channels.ClosedByInterruptException e) {
            if (cancelled) {
                throw new CancelledException(name);
            }
            throw e;
        }
    }

    /** Called by the operations once the copy is over and the file closed (or given up), for the summary line. */
    void finish(boolean ok) {
        listener.finished(done, System.nanoTime() - start, ok);
    }

    private void throttle(long done, long start, String name) throws IOException {
        if (bytesPerSecond <= 0) {
            return;
        }
        long due = start + (long) (done * 1e9 / bytesPerSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw cancelled ? new CancelledException(name) : new InterruptedIOException("interrupted");
            }
        }
    }
}
