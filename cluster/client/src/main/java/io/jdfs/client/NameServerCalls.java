package io.jdfs.client;

import io.jdfs.protocol.Reply;
import io.jdfs.protocol.Message;
import io.jdfs.protocol.SafeModeException;
import io.jdfs.protocol.UnavailableException;
import io.jdfs.rpc.RetryPolicy;
import io.jdfs.rpc.RpcClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The client's one retry policy for name server calls: every call waits out safe mode (the server
 * refused before changing anything); calls safe to repeat also ride out brief outages, with backoff.
 */
final class NameServerCalls {
    private static final Logger LOG = LoggerFactory.getLogger(NameServerCalls.class);
    /** While the name server is in safe mode: 50 ms doubling to 1 s, for as long as the client waits out safe mode. */
    private static final RetryPolicy SAFE_MODE = RetryPolicy.backoff(50, 1_000);
    /** While it is unreachable: 100 ms doubling to 2 s, five times (about 5 s in all). */
    private static final RetryPolicy OUTAGE = RetryPolicy.backoff(100, 2_000).maxRetries(5);
    /** While the data servers have not confirmed a file's blocks: 1 ms doubling to 200 ms. */
    private static final RetryPolicy CONFIRM = RetryPolicy.backoff(1, 200);

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
        return SAFE_MODE.maxElapsed(safeModeWaitMillis).run(() -> rpc.callSync(request, type),
                e -> e instanceof SafeModeException,
                (e, pause) -> LOG.debug("name server in safe mode, retrying in {} ms", pause));
    }

    /**
     * Calls that may be repeated safely are also retried on the other errors the cluster calls retryable
     * (the name server unreachable); a safe-mode wait that ran out is not started again.
     */
    <T extends Message> T idempotent(Message request, Class<T> type) throws IOException {
        try {
            return OUTAGE.run(() -> call(request, type),
                    e -> RetryPolicy.retryable(e) && !(e instanceof SafeModeException),
                    (e, pause) -> LOG.debug("name server unavailable ({}), retrying in {} ms", e.getMessage(), pause));
        } catch (UnavailableException e) {
            String why = e.getMessage().replace("cannot connect to " + rpc.address() + ": ", "")
                    .replace(rpc.address() + " ", ""); // name the address once
            throw new UnavailableException("name server " + rpc.address() + " unavailable (tried "
                    + (OUTAGE.maxRetries() + 1) + " times): " + why, e);
        }
    }

    /**
     * A close or commit: asked again (idempotently, with growing pauses) while the name server answers
     * false because the data servers have not reported the blocks yet. The request is built again for
     * each try: it carries the age of the last write, which grows while we wait.
     */
    void untilTrue(java.util.function.Supplier<Message> request, String what, long timeoutMillis) throws IOException {
        RetryPolicy.Attempts attempts = CONFIRM.maxElapsed(timeoutMillis).start();
        while (!idempotent(request.get(), Reply.BoolReply.class).value()) {
            if (!attempts.mayRetry()) {
                throw new io.jdfs.protocol.DfsException(io.jdfs.protocol.ErrorCode.UNAVAILABLE, "could not " + what
                        + ": the data servers did not confirm every block within " + timeoutMillis + " ms");
            }
            attempts.pause();
        }
    }
}
