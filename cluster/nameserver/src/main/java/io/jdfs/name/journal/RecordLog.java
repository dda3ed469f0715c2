package io.jdfs.name.journal;

import io.jdfs.name.namespace.NamespaceRecord;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** Where applied namespace records go to become durable. */
public interface RecordLog {
    /** Appends a record (cheap; under the namespace lock). */
    void append(NamespaceRecord record) throws IOException;

    /** Completes when everything appended so far is on disk. */
    CompletableFuture<Void> syncAll();

    /** Whether the log still takes changes (a log that never fails always does). */
    default JournalHealth health() {
        return new JournalHealth();
    }

    /** For a name server without a metadata directory: nothing survives a restart. */
    RecordLog NONE = new RecordLog() {
        @Override
        public void append(NamespaceRecord record) {
        }

        @Override
        public CompletableFuture<Void> syncAll() {
            return CompletableFuture.completedFuture(null);
        }
    };
}
