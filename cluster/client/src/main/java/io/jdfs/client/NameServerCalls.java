package io.jdfs.client;

import io.jdfs.protocol.Message;
import io.jdfs.protocol.SafeModeException;
import io.jdfs.protocol.UnavailableException;
import io.jdfs.rpc.RpcClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * The client's one retry policy for name server calls: every call waits out safe mode (the server
 * refused before changing anything); calls safe to repeat also ride out brief outages, with backoff.
 */
final class NameServerCalls {
    private static final Logger LOG = LoggerFactory.getLogger(NameServerCalls.class);
    private static final int IDEMPOTENT_RETRIES = 5;

    private final RpcClient rpc;
    private final long safeModeWaitMillis;

    NameServerCalls(RpcClient rpc, long safeModeWaitMillis) {
        this.rpc = rpc;
        this.safeModeWaitMillis = safeModeWaitMillis;
    }

    /**
     * Any call is retried while the name server is in safe mode (it refused before changing anything);
     * it fails with the safe-mode error once the wait exceeds the limit.
     */
    <T extends Message> T call(Message request, Class<T> type) throws IOException {
        long deadline = System.nanoTime() + safeModeWaitMillis * 1_000_000;
        long sleep = 50;
        while (true) {
            try {
                return rpc.callSync(request, type);
            } catch (SafeModeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.debug("name server in safe mode, retrying in {} ms", sleep);
                sleep(sleep);
                sleep = Math.min(1_000, sleep * 2);
            }
        }
    }

    /** Calls that may be repeated safely are also retried while the name server is unreachable. */
    <T extends Message> T idempotent(Message request, Class<T> type) throws IOException {
        long sleep = 100;
        for (int attempt = 0; ; attempt++) {
            try {
                return call(request, type);
            } catch (UnavailableException e) {
                if (attempt >= IDEMPOTENT_RETRIES) {
                    String why = e.getMessage().replace("cannot connect to " + rpc.address() + ": ", "")
                            .replace(rpc.address() + " ", ""); // name the address once
                    throw new UnavailableException("name server " + rpc.address() + " unavailable (tried "
                            + (attempt + 1) + " times): " + why, e);
                }
                LOG.debug("name server unavailable ({}), retrying in {} ms", e.getMessage(), sleep);
                sleep(sleep);
                sleep = Math.min(2_000, sleep * 2);
            }
        }
    }

    /**
     * A close or commit: asked again (idempotently, with growing pauses) while the name server answers
     * false because the data servers have not reported the blocks yet.
     */
    void untilTrue(Message request, String what, long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        long pause = 1;
        while (!idempotent(request, Message.BoolReply.class).value()) {
            if (System.nanoTime() > deadline) {
                throw new io.jdfs.protocol.DfsException(io.jdfs.protocol.ErrorCode.UNAVAILABLE, "could not " + what
                        + ": the data servers did not confirm every block within " + timeoutMillis + " ms");
            }
            sleep(pause);
            pause = Math.min(200, pause * 2);
        }
    }

    static void sleep(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }
}
