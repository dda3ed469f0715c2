package io.jdfs.shell.ops;

import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.UnavailableException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns any failure into the one line a user reads. */
public final class Failures {
    private Failures() {
    }

    public static String describe(Throwable t) {
        Throwable c = unwrap(t);
        String m = c.getMessage();
        if (c instanceof NoSuchFileException e) {
            m = e.getFile() + ": no such file or directory";
        } else if (c instanceof AccessDeniedException e) {
            m = e.getFile() + ": permission denied";
        } else if (c instanceof FileAlreadyExistsException e) {
            m = e.getFile() + ": already exists";
        } else if (c instanceof NotDirectoryException e) {
            m = e.getFile() + ": not a directory";
        } else if (c instanceof DirectoryNotEmptyException e) {
            m = e.getFile() + ": directory not empty";
        } else if (c instanceof FileSystemException e) {
            m = e.getMessage();
        } else if (m == null || m.isBlank()) {
            m = c.getClass().getSimpleName();
        } else if (!(c instanceof IOException || c instanceof IllegalArgumentException)) {
            m = c.getClass().getSimpleName() + ": " + m;
        }
        return oneLine(m);
    }

    /** True when the name server could not be reached (the client already retried what it safely could). */
    public static boolean isConnectionLost(Throwable t) {
        Throwable c = unwrap(t);
        return c instanceof UnavailableException
                || c instanceof java.net.ConnectException
                || (c instanceof DfsException d && d.code() == io.jdfs.protocol.ErrorCode.UNAVAILABLE);
    }

    public static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && (c instanceof CompletionException || c instanceof ExecutionException
                || c instanceof UncheckedIOException || c instanceof InvocationTargetException
                || c instanceof picocli.CommandLine.ExecutionException)) {
            c = c.getCause();
        }
        return c;
    }
}
