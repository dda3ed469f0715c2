package io.jdfs.shell.ops;

import java.io.IOException;

/** A failure the user caused or can fix, said in one line (no stack trace, no exception name). */
public class OpException extends IOException {
    public OpException(String message) {
        super(message);
    }
}
