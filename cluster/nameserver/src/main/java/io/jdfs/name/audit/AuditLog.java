package io.jdfs.name.audit;

import io.jdfs.protocol.Caller;
import io.jdfs.protocol.DfsException;
import io.jdfs.protocol.Errors;
import io.jdfs.protocol.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The audit log, as HDFS's: one line per namespace change (whatever its result) and per refused
 * request, with time, user, address, operation, paths and result, appended to its own file.
 * Off (a no-op) unless a file is given. A line is written before the answer leaves, not fsynced.
 */
public final class AuditLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final String[] PATH_FIELDS = {"path", "source", "target", "existing", "first", "second"};

    private final BufferedWriter out;

    private AuditLog(BufferedWriter out) {
        this.out = out;
    }

    public static AuditLog off() {
        return new AuditLog(null);
    }

    public static AuditLog to(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        return new AuditLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE));
    }

    public boolean enabled() {
        return out != null;
    }

    /**
     * Records {@code m} if it changes the namespace ({@code mutation}) or was refused; {@code failure}
     * is null when it succeeded.
     */
    public void record(Message m, boolean mutation, Caller caller, String address, Throwable failure) {
        if (out == null) {
            return;
        }
        Throwable cause = failure == null ? null : Errors.unwrap(failure);
        boolean refused = cause instanceof io.jdfs.protocol.AccessDeniedException
                || cause instanceof io.jdfs.protocol.AuthenticationException
                || cause instanceof io.jdfs.protocol.ProtocolException;
        if (!mutation && !refused) {
            return;
        }
        StringBuilder line = new StringBuilder(160);
        line.append(Instant.now()).append(" user=").append(caller == null ? "-" : caller.user())
                .append(" uid=").append(caller == null ? "-" : String.valueOf(caller.uid()))
                .append(" addr=").append(address == null ? "-" : address)
                .append(" op=").append(m.getClass().getSimpleName());
        paths(m, line);
        line.append(" result=").append(cause == null ? "ok" : (refused ? "refused" : "failed") + " "
                + (cause instanceof DfsException d ? d.code().name() : cause.getClass().getSimpleName())
                + " \"" + String.valueOf(cause.getMessage()).replace('"', '\'').replace('\n', ' ') + "\"");
        synchronized (this) {
            try {
                out.write(line.toString());
                out.newLine();
                out.flush();
            } catch (IOException e) {
                LOG.warn("audit log write failed: {}", e.getMessage());
            }
        }
    }

    private static void paths(Message m, StringBuilder line) {
        if (!m.getClass().isRecord()) {
            return;
        }
        for (RecordComponent c : m.getClass().getRecordComponents()) {
            for (String name : PATH_FIELDS) {
                if (c.getName().equals(name) && c.getType() == String.class) {
                    try {
                        Object v = c.getAccessor().invoke(m);
                        if (v != null) {
                            line.append(' ').append(name).append('=').append(quoted(v.toString()));
                        }
                    } catch (ReflectiveOperationException e) {
                        // a record's own accessor: not expected to fail
                    }
                }
            }
        }
    }

    private static String quoted(String s) {
        return s.chars().anyMatch(ch -> ch <= ' ' || ch == '"') ? '"' + s.replace("\"", "\\\"") + '"' : s;
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
