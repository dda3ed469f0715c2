package io.jdfs.shell.client;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The standard output of a command that pipes bytes ({@code cat}, {@code download REMOTE -}). When its reader
 * goes away early ({@code | head}) the command ends quietly with status 141, as a process SIGPIPE stops
 * (coreutils cat), not with "dfs: Broken pipe"; any other failure stays an error: a read of the cluster, and a
 * write that failed for another reason (a full disk behind {@code > file} must not pass for a reader that left).
 */
final class StandardOutput extends FilterOutputStream {
    /** 128 + SIGPIPE: what a shell reports for a writer whose pipe closed. */
    static final int READER_GONE = 141;

    private boolean readerGone;

    StandardOutput(OutputStream out) {
        super(out);
    }

    static StandardOutput open() {
        return new StandardOutput(new FileOutputStream(FileDescriptor.out));
    }

    /** What writes the bytes. */
    interface Copy {
        void copy(OutputStream out) throws IOException;
    }

    /** Runs the copy and flushes: 0, or {@link #READER_GONE} when writing to the reader failed. */
    int run(Copy copy) throws IOException {
        try {
            copy.copy(this);
            flush();
            return 0;
        } catch (IOException e) {
            if (readerGone) {
                return READER_GONE;
            }
            throw e;
        }
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw noted(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw noted(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw noted(e);
        }
    }

    /** Notes whether a failed write means the reader went away (EPIPE: the JDK says "Broken pipe"). */
    private IOException noted(IOException e) {
        readerGone = e.getMessage() != null && e.getMessage().contains("Broken pipe");
        return e;
    }
}
