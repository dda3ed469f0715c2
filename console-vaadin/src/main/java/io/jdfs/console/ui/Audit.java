package io.jdfs.console.ui;

import io.jdfs.console.auth.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One INFO line per change made from the console, with who made it: the operator's audit trail. */
final class Audit {
    private static final Logger LOG = LoggerFactory.getLogger("io.jdfs.console.audit");

    private Audit() {
    }

    /** Call with the session available (a request or {@code ui.access}). */
    static void log(String what) {
        String who = Session.open() ? "console (open)" : String.valueOf(Session.user());
        LOG.info("{}: {}", who, what);
    }
}
