package io.jdfs.shell.ops;

import java.io.InterruptedIOException;

/** A transfer stopped by the user (Ctrl-C); whatever it had written is gone. */
public final class CancelledException extends InterruptedIOException {
    public CancelledException(String what) {
        super(what + " cancelled");
    }
}
