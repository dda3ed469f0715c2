package io.jdfs.fuse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/** Runs one FUSE operation: its failures become a negative errno, logged by how much they matter. */
final class FuseCalls {
    private static final Logger LOG = LoggerFactory.getLogger(JdfsFuse.class);

    private FuseCalls() {
    }

    /** A call to the cluster that answers 0 (or a byte count) or a negative errno. */
    interface Op {
        int run() throws IOException;
    }

    static int run(String op, String path, Op body) {
        try {
            return body.run();
        } catch (IOException | RuntimeException e) {
            int errno = Errno.of(e);
            if (Errno.isServerSide(errno) || e instanceof RuntimeException && !(e instanceof IllegalArgumentException)) {
                LOG.warn("{} {}: {}", op, path, e.toString());
            } else {
                LOG.debug("{} {}: {}", op, path, e.toString());
            }
            return errno;
        }
    }
}
