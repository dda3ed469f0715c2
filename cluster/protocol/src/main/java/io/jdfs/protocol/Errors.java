package io.jdfs.protocol;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns exceptions into error replies (server side) and back (client side). */
public final class Errors {
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    private Errors() {
    }

    public static Reply.ErrorReply toReply(Throwable t) {
        Throwable c = unwrap(t);
        if (c instanceof DfsException d) {
            return new Reply.ErrorReply(d.code(), d.getMessage());
        }
        if (c instanceof InvalidPathException) {
            return new Reply.ErrorReply(ErrorCode.INVALID_PATH, c.getMessage());
        }
        if (c instanceof IllegalArgumentException) {
            return new Reply.ErrorReply(ErrorCode.INVALID_ARGUMENT, c.getMessage());
        }
        LOG.warn("internal error while serving a request", c);
        return new Reply.ErrorReply(ErrorCode.INTERNAL, "internal server error: " + c);
    }

    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** Rethrows a failure as the IOException the caller should see. */
    public static java.io.IOException asIOException(Throwable t) {
        Throwable c = unwrap(t);
        if (c instanceof java.io.IOException io) {
            return io;
        }
        if (c instanceof RuntimeException r) {
            throw r;
        }
        return new java.io.IOException(c.toString(), c);
    }
}
